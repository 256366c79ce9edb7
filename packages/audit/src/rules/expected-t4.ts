/**
 * What table 4 (财政拨款收支总表) must show: the 财政拨款 part of table 1. From the ledger when a state
 * is given (exact per source and class); from table 1 alone when the department has no 财政专户 or
 * 单位资金 money, in which case T4 = T1 (domain.md R6); otherwise unknown.
 *
 * @module expected-t4
 */
import { Money } from "@ledger/domain"
import { at, classRows, rowByLabel, table } from "../tables/views.ts"
import { isFiscal, lines, wanOf } from "../util/ledger.ts"
import type { RuleContext } from "./context.ts"

/** Amounts by 财政拨款 budget. @category models */
export interface BySource {
  readonly gpb: Money.Money
  readonly fund: Money.Money
  readonly soe: Money.Money
}

/** The expected content of T4. @category models */
export interface ExpectedT4 {
  readonly current: BySource
  readonly carry: BySource
  readonly currentTotal: Money.Money
  readonly carryTotal: Money.Money
  readonly grandTotal: Money.Money
  /** Expenditure by class name (all 30 printed; absent = zero). */
  readonly classes: ReadonlyMap<string, BySource & { readonly total: Money.Money }>
  /** False when only totals are known (T1 alone, several budgets with money): compare 小计 only. */
  readonly splitKnown: boolean
}

const total = (s: BySource) => Money.sum([s.gpb, s.fund, s.soe])

/** The expected T4, or undefined when the tables cannot say and no ledger is given. @category projections */
export const expectedT4 = ({ doc, state, taxonomy }: RuleContext): ExpectedT4 | undefined => {
  if (state !== undefined && state.lines.size > 0) {
    const ls = lines(state).filter(isFiscal)
    const by = (p: (l: (typeof ls)[number]) => boolean): BySource => ({
      gpb: wanOf(ls, (l) => p(l) && l.line.fundingSource === "general-budget"),
      fund: wanOf(ls, (l) => p(l) && l.line.fundingSource === "government-fund"),
      soe: wanOf(ls, (l) => p(l) && l.line.fundingSource === "state-capital"),
    })
    const current = by((l) => l.vintage === "current")
    const carry = by((l) => l.vintage === "carryover")
    const classes = new Map<string, BySource & { total: Money.Money }>()
    for (const c of taxonomy?.functionClasses() ?? []) {
      const s = by((l) => l.line.functionCode.startsWith(c.code))
      if (!Money.isZero(total(s)))
        classes.set(c.name, { ...s, total: wanOf(ls, (l) => l.line.functionCode.startsWith(c.code)) })
    }
    return {
      current,
      carry,
      classes,
      currentTotal: wanOf(ls, (l) => l.vintage === "current"),
      carryTotal: wanOf(ls, (l) => l.vintage === "carryover"),
      grandTotal: wanOf(ls),
      splitKnown: true,
    }
  }
  const t1 = table(doc, "1")
  if (t1 === undefined) return undefined
  const inc = (label: string) => at(rowByLabel(t1, 0, label)?.row, 1)
  if (!Money.isZero(inc("财政专户管理资金")) || !Money.isZero(inc("单位资金"))) return undefined
  const current: BySource = {
    gpb: inc("一般公共预算"),
    fund: inc("政府性基金预算"),
    soe: inc("国有资本经营预算"),
  }
  const carryTotal = inc("上年结转")
  const single = [current.gpb, current.fund, current.soe].filter((m) => !Money.isZero(m)).length <= 1
  // Carryover and class spending are not split by budget in T1; when only one budget has money, it is that one.
  const only = (m: Money.Money): BySource =>
    !Money.isZero(current.fund)
      ? { gpb: Money.zero, fund: m, soe: Money.zero }
      : !Money.isZero(current.soe)
        ? { gpb: Money.zero, fund: Money.zero, soe: m }
        : { gpb: m, fund: Money.zero, soe: Money.zero }
  const classes = new Map<string, BySource & { total: Money.Money }>()
  for (const c of classRows(t1, 2)) {
    const t = at(c.row, 3)
    if (!Money.isZero(t))
      classes.set(c.name, { ...(single ? only(t) : { gpb: t, fund: Money.zero, soe: Money.zero }), total: t })
  }
  return {
    current,
    carry: single ? only(carryTotal) : { gpb: carryTotal, fund: Money.zero, soe: Money.zero },
    currentTotal: inc("本年收入合计"),
    carryTotal,
    grandTotal: inc("收入总计"),
    classes,
    splitKnown: single,
  }
}
