/**
 * Checks every code of the ledger's lines against the year's taxonomy before any table is built,
 * so tables can look names up without error paths and a bad code is reported once, by line.
 *
 * @module check-codes
 */
import type { Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import type { Line } from "./ledger.ts"

/** The unknown codes of the lines: line id, field and code. @category projections */
export const unknownCodes = (
  taxonomy: Taxonomy.Taxonomy,
  lines: ReadonlyArray<Line>,
): ReadonlyArray<{ lineId: string; field: string; code: string }> => {
  const out: Array<{ lineId: string; field: string; code: string }> = []
  for (const { line } of lines) {
    const check = (field: string, code: string, r: Result.Result<string, unknown>) => {
      if (Result.isFailure(r)) out.push({ lineId: line.lineId, field, code })
    }
    for (const n of [3, 5, 7]) {
      const code = line.functionCode.slice(0, n)
      check("functionCode", code, taxonomy.functionName(code))
    }
    const e = line.expenditure
    if (e.deptEconomicCode !== undefined) {
      check("deptEconomicCode", e.deptEconomicCode, taxonomy.deptEconomicName(e.deptEconomicCode))
      check("deptEconomicCode", e.deptEconomicCode.slice(0, 3), taxonomy.deptEconomicName(e.deptEconomicCode.slice(0, 3)))
    }
    if (e.govEconomicCode !== undefined) check("govEconomicCode", e.govEconomicCode, taxonomy.govEconomicName(e.govEconomicCode))
  }
  return out
}
