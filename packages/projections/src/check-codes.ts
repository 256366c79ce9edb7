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
    // one entry per field, however many of its levels (类/款/项) are unknown
    const fn = line.functionCode
    const fnLevels = [fn.slice(0, 3), fn.slice(0, 5), fn].map((c) => taxonomy.functionName(c))
    check("functionCode", fn, fnLevels.find(Result.isFailure) ?? Result.succeed(fn))
    const e = line.expenditure
    if (e.deptEconomicCode !== undefined) {
      const dept = e.deptEconomicCode
      const levels = [dept.slice(0, 3), dept].map((c) => taxonomy.deptEconomicName(c))
      check("deptEconomicCode", dept, levels.find(Result.isFailure) ?? Result.succeed(dept))
    }
    if (e.govEconomicCode !== undefined)
      check("govEconomicCode", e.govEconomicCode, taxonomy.govEconomicName(e.govEconomicCode))
  }
  return out
}
