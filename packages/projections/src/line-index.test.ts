/**
 * `select` over an indexed array returns exactly what the plain scan returns: same lines, same
 * order, for random lines and random filter lists. A fresh copy of an array is always scanned (an
 * array is only indexed once it is asked a second time), so it is the reference.
 */
import { Codes, Money } from "@ledger/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { select, type Line, type LineFilter } from "./ledger.ts"

const UNITS = ["001", "002", "003"]
const PROJECTS = ["P1", "P2", "P3", "P4"]
// codes sharing 类 and 款 prefixes, so buckets of every length hold several codes
const CODES = ["2010101", "2010102", "2010301", "2013801", "2050201", "2080501", "2080502", "2210201"]
const PREFIXES = [
  "",
  "2",
  "20",
  "201",
  "2010",
  "20101",
  "201010",
  "2010101",
  "20101011",
  "208",
  "20805",
  "999",
]

const line = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    source: fc.constantFrom(...Codes.FundingSource.literals),
    code: fc.constantFrom(...CODES),
    project: fc.option(fc.constantFrom(...PROJECTS), { nil: undefined }),
    vintage: fc.constantFrom("current" as const, "carryover" as const),
    cents: fc.integer({ min: 0, max: 10_000_000 }),
  })
  .map((r): Omit<Line, "line"> & { readonly line: Omit<Line["line"], "lineId"> } => ({
    vintage: r.vintage,
    amount: Money.make((r.cents / 100).toFixed(2)),
    contributions: [],
    line: {
      unitCode: r.unit,
      fundingSource: r.source,
      functionCode: r.code,
      expenditure:
        r.project === undefined
          ? { kind: "basic", category: "personnel", deptEconomicCode: "30101" }
          : { kind: "project", projectId: r.project },
      amount: Money.make((r.cents / 100).toFixed(2)),
    },
  }))

const lines = fc
  .array(line, { minLength: 0, maxLength: 150, size: "max" })
  .map((ls): ReadonlyArray<Line> => ls.map((l, i) => ({ ...l, line: { ...l.line, lineId: `L${i}` } })))

const filter: fc.Arbitrary<LineFilter> = fc.record(
  {
    unit: fc.constantFrom(...UNITS, "404"),
    project: fc.constantFrom(...PROJECTS, "P9"),
    functionPrefix: fc.constantFrom(...PREFIXES),
    vintage: fc.constantFrom("current" as const, "carryover" as const),
    kind: fc.constantFrom("basic" as const, "project" as const),
  },
  { requiredKeys: [] },
)

const ids = (ls: ReadonlyArray<Line>): ReadonlyArray<string> => ls.map((l) => l.line.lineId)

describe("select over an indexed array", () => {
  it("returns the lines, in order, that a scan of the same lines returns", () => {
    fc.assert(
      fc.property(
        lines,
        fc.array(fc.array(filter, { maxLength: 3 }), { minLength: 1, maxLength: 25 }),
        (ls, asks) => {
          for (const filters of asks) {
            const scanned = select([...ls], ...filters) // a fresh array: never indexed
            expect(ids(select(ls, ...filters))).toEqual(ids(scanned))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it("forgets its index when an array it indexed grows (a broken read-only contract, not a wrong answer)", () => {
    fc.assert(
      fc.property(lines, line, filter, (ls, extra, f) => {
        const grown = [...ls]
        select(grown, f)
        select(grown, f)
        grown.push({ ...extra, line: { ...extra.line, lineId: "L999" } })
        expect(ids(select(grown, f))).toEqual(ids(select([...grown], f)))
      }),
      { numRuns: 200 },
    )
  })

  it("selects from a selection as from the whole (nested selects, as tables make them)", () => {
    fc.assert(
      fc.property(lines, filter, fc.array(filter, { minLength: 2, maxLength: 10 }), (ls, outer, inner) => {
        const part = select(ls, outer)
        for (const f of inner) expect(ids(select(part, f))).toEqual(ids(select([...ls], outer, f)))
      }),
      { numRuns: 300 },
    )
  })
})
