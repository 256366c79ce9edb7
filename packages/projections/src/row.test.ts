/**
 * A row's line ids are every id of its amount cells, sorted and without repeats, whatever order
 * and overlap the cells have (they are merged from the cells' sorted lists, not re-sorted).
 */
import { Money } from "@ledger/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Line } from "./ledger.ts"
import { row, type CellSpec } from "./row.ts"

const lineOf = (id: string): Line => ({
  vintage: "current",
  amount: Money.make("1.00"),
  contributions: [],
  line: {
    lineId: id,
    unitCode: "001",
    fundingSource: "general-budget",
    functionCode: "2010101",
    expenditure: { kind: "basic", category: "personnel", deptEconomicCode: "30101" },
    amount: Money.make("1.00"),
  },
})

// short ids from a small alphabet, so cells overlap and repeat; "B" < "a" checks code-unit order
const id = fc.string({ unit: fc.constantFrom("a", "b", "B", "-", "1"), minLength: 1, maxLength: 3 })
const cell: fc.Arbitrary<CellSpec> = fc.oneof(
  fc.constant("text"),
  fc.array(id, { maxLength: 12 }).map((ids) => ids.map(lineOf)),
)

describe("row", () => {
  it("lists every line id of its amount cells once, sorted", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), (cells) => {
        const amounts = cells.filter((c): c is ReadonlyArray<Line> => typeof c !== "string")
        const expected = [...new Set(amounts.flatMap((c) => c.map((l) => l.line.lineId)))].sort()
        const r = row(cells)
        expect(r.lineIds).toEqual(amounts.length === 0 ? undefined : expected)
        cells.forEach((c, at) => {
          if (typeof c !== "string") expect(r.cellLines?.[at]).toEqual(c.map((l) => l.line.lineId).sort())
        })
      }),
      { numRuns: 500 },
    )
  })
})
