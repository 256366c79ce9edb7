/**
 * The presentation rule of table 6 (domain.md §2.5, §5.2 item 8): one row per 部门经济分类 款, and
 * the 政府经济分类 name printed beside it is the one of the row's dominant government class. A
 * department economic 款 can map to several government classes (a 机关 and a 事业单位 paying the
 * same 基本工资 map to 50101 and 50501); the template has room for one, so the class carrying the
 * largest amount wins, ties going to the lower code. The exact mapping stays on each line.
 *
 * @module tables/economic-rows
 */
import { Money } from "@ledger/domain"
import { Result } from "effect"
import type { TableContext } from "../context.ts"
import type { Line } from "../ledger.ts"

/** The government economic class of a line: the one it carries, else the taxonomy's mapping for its unit type. @category projections */
export const govClassOf = (ctx: TableContext, l: Line): string | undefined => {
  const e = l.line.expenditure
  if (e.govEconomicCode !== undefined) return e.govEconomicCode
  if (e.deptEconomicCode === undefined) return undefined
  const unit = ctx.units.find((u) => u.unitCode === l.line.unitCode)
  if (unit === undefined) return undefined
  const r = ctx.taxonomy.govEconomicFor(e.deptEconomicCode, unit.unitType)
  return Result.isSuccess(r) ? r.success : undefined
}

/** The dominant government class of a set of lines (largest Σ, ties to the lower code). @category projections */
export const dominantGovClass = (ctx: TableContext, lines: ReadonlyArray<Line>): string | undefined => {
  const sums = new Map<string, ReadonlyArray<Line>>()
  for (const l of lines) {
    const g = govClassOf(ctx, l)
    if (g !== undefined) sums.set(g, [...(sums.get(g) ?? []), l])
  }
  let best: { code: string; amount: Money.Money } | undefined
  for (const code of [...sums.keys()].sort()) {
    const amount = Money.sum((sums.get(code) ?? []).map((l) => l.amount))
    if (best === undefined || Money.compare(amount, best.amount) > 0) best = { code, amount }
  }
  return best?.code
}
