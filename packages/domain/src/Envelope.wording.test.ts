/**
 * A field of the wrong JSON type is told the rule the event catalogue states for it (the messages of
 * its checks), for any value: an amount sent as a number, a code sent as a number.
 */
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Envelope from "./Envelope.ts"
import * as S from "./testing-fixtures/samples.ts"

const AMOUNT = 'must be an amount in 元 written as a string with at most two decimals, e.g. "1578100.00"'

const issueAt = (input: unknown, path: string) => {
  const r = Envelope.decodeEvent(input)
  if (Result.isSuccess(r)) throw new Error("expected a decode error")
  return r.failure.issues.find((i) => i.path === path)?.message
}

const withLine = (field: string, value: unknown) => {
  const w = S.wire(S.appropriation()) as { data: { line: Record<string, unknown> } }
  w.data.line[field] = value
  return w
}

describe("decode errors in the catalogue's wording", () => {
  it("an amount of any non-string JSON value is told the amount rule", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true }),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.integer()),
        ),
        (value) => {
          expect(issueAt(withLine("amount", value), "data.line.amount")).toBe(AMOUNT)
        },
      ),
    )
  })

  it("a code sent as a number is told the code's rule, not a bare type name", () => {
    const message = issueAt(withLine("functionCode", 2130101), "data.line.functionCode")
    expect(message).toBeDefined()
    expect(message).not.toMatch(/^Expected string/)
  })
})
