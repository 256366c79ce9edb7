/**
 * `prepareAppend` decodes with its schemas compiled by Effect's JIT compiler and stops at the first
 * issue, decoding a failure again for every issue. Its verdict and the field its `InvalidEvent`
 * names must be what the interpreter, collecting every issue, gives — the decode as it was.
 */
import { SchemaIssues } from "@ledger/domain"
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { AppendRequest } from "./event.ts"
import { prepareAppend } from "./prepare.ts"

// Built and used before the first append enables the JIT compiler: it keeps the interpreter.
const interpreted = Schema.decodeUnknownResult(Schema.Array(AppendRequest))
interpreted([])

/** The error the interpreter's decode gives (prepareAppend's own wording), or undefined when valid. */
const expectedError = (requests: ReadonlyArray<unknown>) => {
  const r = interpreted(requests, { errors: "all" })
  if (Result.isSuccess(r)) return undefined
  const first = SchemaIssues.fieldIssues(r.failure.issue)[0]
  return {
    path: first ? SchemaIssues.accessor("requests", first.path) : "requests",
    message: first?.message ?? "invalid",
  }
}

const good = {
  eventId: "e",
  type: "T",
  schemaVersion: 1,
  occurredAt: "2026-01-01",
  actor: "a",
  idempotencyKey: "k",
  data: { x: [1, "y"] },
}
const wrong = fc.constantFrom<unknown>(undefined, null, "", "x", 0, -1, 1.5, NaN, [], {}, "2026-13-01", {
  a: undefined,
})
const field = fc.constantFrom(...Object.keys(good), "metadata")
const event = fc.oneof(
  fc.constant<unknown>(good),
  fc.tuple(field, wrong).map(([k, v]) => ({ ...good, [k]: v })),
  fc.tuple(field, wrong, field, wrong).map(([k, v, l, w]) => ({ ...good, [k]: v, [l]: w })),
  wrong,
)
const request = fc.record({
  streamId: fc.oneof({ weight: 5, arbitrary: fc.constant("s") }, wrong),
  expectedVersion: fc.oneof(
    { weight: 5, arbitrary: fc.constant({ _tag: "Any" }) },
    fc.nat().map((version) => ({ _tag: "Exact", version })),
    wrong.map((version) => ({ _tag: "Exact", version })),
    wrong,
  ),
  events: fc.oneof({ weight: 5, arbitrary: fc.array(event, { minLength: 1, maxLength: 3 }) }, wrong),
})

describe("prepareAppend's decode", () => {
  it("accepts and refuses what the interpreter does, naming the same field", () => {
    fc.assert(
      fc.property(request, (r) => {
        const prepared = prepareAppend([r], { idempotencyKey: "k" }, "database")
        const expected = expectedError([r])
        // A valid request may still repeat a key with another body (IdempotencyConflict) or hold
        // a value the canonical writer refuses (`metadata: undefined`): not the decode's issues.
        if (expected === undefined) {
          if (Result.isFailure(prepared) && prepared.failure._tag === "InvalidEvent")
            expect(prepared.failure.message).toMatch(/JSON/)
        } else
          expect(Result.isFailure(prepared) && prepared.failure).toMatchObject({
            _tag: "InvalidEvent",
            ...expected,
          })
      }),
      { numRuns: 1000 },
    )
  })
})
