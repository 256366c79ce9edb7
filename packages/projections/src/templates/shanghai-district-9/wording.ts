/**
 * How the Shanghai district narrative writes figures: 万元 with two decimals, a zero as "0"
 * ("事业收入0万元"), the “三公” section without trailing ".00" ("75万元"), and a change against last
 * year's budget as "比2025年预算增加27万元" or "与2025年预算持平" — no percentage.
 *
 * @module templates/shanghai-district-9/wording
 */
import { Money } from "@ledger/domain"

/** 万元 as the 编制说明 writes it: two decimals, zero as "0". @category formatting */
export const wanText = (a: Money.Money): string => {
  const w = Money.toWan(a)
  return w === "0.00" ? "0" : w
}

/** 万元 as the “三公” section writes it: trailing ".00" dropped. @category formatting */
export const wanShort = (a: Money.Money): string => Money.toWan(a).replace(/\.00$/, "")

/** The change of a printed figure against last year's, or "" when last year's was not stated. @category formatting */
export const versus = (
  now: Money.Money,
  prior: string | undefined,
  priorYear: number | undefined,
  fmt: (a: Money.Money) => string = wanText,
): string => {
  if (prior === undefined || priorYear === undefined) return ""
  const d = Money.sub(Money.make(Money.toWan(now)), Money.make(Money.toWan(Money.make(prior))))
  if (Money.isZero(d)) return `与${priorYear}年预算持平`
  const n = Money.fromWan(Money.abs(d))
  return `比${priorYear}年预算${Money.isNegative(d) ? "减少" : "增加"}${fmt(n)}万元`
}
