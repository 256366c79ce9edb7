/**
 * Exact arithmetic on printed 万元 figures and the 尾差 tolerance. Printed cells are parsed with the
 * domain's Money (exact decimals), never with JS numbers, so a comparison can only differ by what the
 * document really says.
 *
 * @module amount
 */
import { Money } from "@ledger/domain"
import { Result } from "effect"

/** A printed figure: `""` (blank) is zero; `"1,234.5"` is accepted; anything else is `undefined`. @category parsing */
export const amount = (cell: string | undefined): Money.Money | undefined => {
  const s = (cell ?? "").replace(/,/g, "").trim()
  if (s === "") return Money.zero
  const r = Money.parse(s)
  return Result.isSuccess(r) ? r.success : undefined
}

/** Like {@link amount} but a non-figure counts as zero (rules report unreadable cells separately). @category parsing */
export const amt = (cell: string | undefined): Money.Money => amount(cell) ?? Money.zero

/** One 尾差 unit: 0.01 万元. @category tolerance */
const CENT = Money.make("0.01")

/** The tolerance for a sum of `items` printed figures: ±0.01 万元 per summed item (at least one). @category tolerance */
export const tolerance = (items: number): Money.Money => Money.times(CENT, String(Math.max(1, items)))

/** True when `a` and `b` differ by no more than the tolerance of `items` summed figures. @category tolerance */
export const within = (a: Money.Money, b: Money.Money, items = 1): boolean =>
  Money.compare(Money.abs(Money.sub(a, b)), tolerance(items)) <= 0

/** 元 → 万元 (rounded half-up, two decimals) of a printed 元 figure such as "400,000". @category conversion */
export const yuanToWan = (yuan: string): Money.Money => Money.make(Money.toWan(amt(yuan)))

/** True when `published` is `ledger` written in the wrong unit (×10000 or ÷10000): a 元/万元 slip. @category conversion */
export const isUnitSlip = (published: Money.Money, ledger: Money.Money): boolean =>
  !Money.isZero(ledger) &&
  (Money.compare(published, Money.fromWan(ledger)) === 0 ||
    Money.compare(Money.fromWan(published), ledger) === 0)
