/**
 * `functionRows` groups the lines by 类/款/项 in one pass; it prints what the plain definition
 * prints — for each code (sorted) the lines whose function code starts with it, selected from the
 * parent's lines — for random lines, including codes shorter than 7 digits (which the schema
 * refuses, but the tree does not rely on).
 */
import { Money } from "@ledger/domain"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { TableContext } from "./context.ts"
import type { DisclosureRow } from "./disclosure-schema.ts"
import { functionRows } from "./function-tree.ts"
import { select, type Line } from "./ledger.ts"
import { isEmpty, row } from "./row.ts"

const ctx = {
  taxonomy: { functionName: (code: string) => Result.succeed(`名${code}`) },
} as unknown as TableContext

const columns = (ls: ReadonlyArray<Line>) => [ls, select(ls, { kind: "basic" })]

const LEVELS = [
  { digits: 3, kind: "class" },
  { digits: 5, kind: "kuan" },
  { digits: 7, kind: "xiang" },
] as const

/** The definition the one-pass grouping must agree with. */
const reference = (lines: ReadonlyArray<Line>, level = 0, prefix = ""): ReadonlyArray<DisclosureRow> => {
  const spec = LEVELS[level]
  if (spec === undefined) return []
  const under = select(lines, { functionPrefix: prefix })
  const codes = [...new Set(under.map((l) => l.line.functionCode.slice(0, spec.digits)))].sort()
  return codes.flatMap((code) => {
    const mine = select(under, { functionPrefix: code })
    const r = row([code, `名${code}`, ...columns(mine)], { kind: spec.kind, codes: { function: code } })
    return isEmpty([r]) ? [] : [r, ...reference(mine, level + 1, code)]
  })
}

const CODES = ["2010101", "2010102", "2010301", "2080501", "2080502", "2089901", "201", "20101", "2080", "2"]

const lines = fc
  .array(
    fc.record({
      code: fc.constantFrom(...CODES),
      basic: fc.boolean(),
      cents: fc.constantFrom(0, 1, 4_999, 5_000, 123_456_00),
    }),
    { maxLength: 60, size: "max" },
  )
  .map((rs): ReadonlyArray<Line> =>
    rs.map((r, i) => {
      const amount = Money.make((r.cents / 100).toFixed(2))
      return {
        vintage: "current",
        amount,
        contributions: [],
        line: {
          lineId: `L${String(i).padStart(3, "0")}`,
          unitCode: "001",
          fundingSource: "general-budget",
          functionCode: r.code,
          expenditure: r.basic
            ? { kind: "basic", category: "personnel", deptEconomicCode: "30101" }
            : { kind: "project", projectId: "P1" },
          amount,
        },
      }
    }),
  )

describe("functionRows", () => {
  it("prints what selecting each code's lines from its parent's prints", () => {
    fc.assert(
      fc.property(lines, (ls) => {
        expect(functionRows(ctx, ls, columns)).toEqual(reference(ls))
      }),
      { numRuns: 300 },
    )
  })
})
