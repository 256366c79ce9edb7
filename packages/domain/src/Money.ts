/**
 * Money in 元 as exact decimals. This is the only module that touches decimal.js:
 * amounts travel everywhere else as strings such as `"1578100.00"`, so no JS number
 * ever holds an amount and rounding happens in exactly one place.
 *
 * @module Money
 */
import { Decimal } from "decimal.js"
import { Data, Result, Schema } from "effect"

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })

/** Accepts `123`, `123.4`, `123.45`, optionally signed: the only textual forms an amount may take. */
const SIGNED = /^-?(0|[1-9]\d{0,14})(\.\d{1,2})?$/
const UNSIGNED = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/

/**
 * A normalised amount in 元 with exactly two decimals (`"-12.30"`, `"0.00"`).
 * @category models
 */
export type Money = string & { readonly Money: unique symbol }

/**
 * Why an amount was refused; `input` is echoed so the caller can name the bad value.
 * @category errors
 */
export class InvalidAmount extends Data.TaggedError("InvalidAmount")<{
  readonly input: unknown
  readonly message: string
}> {}

/**
 * Schema for a non-negative amount as it appears on the wire: a string with at most two decimals.
 * A JSON number, `"1.234"`, `"1e3"`, `""` or `"NaN"` fails with a message naming the rule.
 * @category models
 */
export const Amount = Schema.String.check(
  Schema.isPattern(UNSIGNED, {
    message: "must be an amount in 元 written as a string with at most two decimals, e.g. \"1578100.00\"",
  }),
).annotate({ title: "Amount", description: "元, at most two decimals, as a string" })

/**
 * Schema for a signed amount (adjustment deltas).
 * @category models
 */
export const SignedAmount = Schema.String.check(
  Schema.isPattern(SIGNED, {
    message: "must be a signed amount in 元 written as a string with at most two decimals, e.g. \"-1200.00\"",
  }),
).annotate({ title: "SignedAmount", description: "signed 元, at most two decimals, as a string" })

const normalise = (d: Decimal): Money => {
  const s = d.toFixed(2)
  return (s === "-0.00" ? "0.00" : s) as Money
}

/**
 * Parses an untrusted value into Money; only strings in the amount grammar are accepted.
 * @category constructors
 */
export const parse = (input: unknown): Result.Result<Money, InvalidAmount> => {
  if (typeof input !== "string") {
    return Result.fail(new InvalidAmount({ input, message: "an amount must be a string, not " + typeof input }))
  }
  if (!SIGNED.test(input)) {
    return Result.fail(new InvalidAmount({ input, message: `"${input}" is not an amount with at most two decimals` }))
  }
  return Result.succeed(normalise(new D(input)))
}

/**
 * Parses a string the caller already validated with {@link Amount} or {@link SignedAmount}; throws on a bug.
 * @category constructors
 */
export const make = (input: string): Money => {
  const r = parse(input)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/** The zero amount. @category constructors */
export const zero: Money = "0.00" as Money

/** a + b, exactly. @category math */
export const add = (a: Money, b: Money): Money => normalise(new D(a).plus(b))
/** a − b, exactly. @category math */
export const sub = (a: Money, b: Money): Money => normalise(new D(a).minus(b))
/** −a. @category math */
export const negate = (a: Money): Money => normalise(new D(a).negated())
/** Σ amounts, exactly and independent of order. @category math */
export const sum = (amounts: Iterable<Money>): Money => {
  let acc = new D(0)
  for (const a of amounts) acc = acc.plus(a)
  return normalise(acc)
}
/** −1, 0 or 1. @category math */
export const compare = (a: Money, b: Money): -1 | 0 | 1 => new D(a).comparedTo(b) as -1 | 0 | 1
/** True when the amount is exactly zero. @category math */
export const isZero = (a: Money): boolean => new D(a).isZero()
/** True when the amount is below zero. @category math */
export const isNegative = (a: Money): boolean => new D(a).isNegative() && !new D(a).isZero()
/** True when the amount is above zero. @category math */
export const isPositive = (a: Money): boolean => new D(a).isPositive() && !new D(a).isZero()
/** Absolute value. @category math */
export const abs = (a: Money): Money => normalise(new D(a).abs())

/**
 * 元 → 万元, rounded half-up to two decimals on its own. Summing in 元 and rounding each
 * printed figure separately is what produces the 尾差 of published tables.
 * @category formatting
 */
export const toWan = (a: Money): string => {
  const s = new D(a).dividedBy(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
  return s === "-0.00" ? "0.00" : s
}

/**
 * A table cell in 万元: blank when the rounded figure is zero, as the published tables print it.
 * @category formatting
 */
export const toWanCell = (a: Money): string => {
  const w = toWan(a)
  return w === "0.00" ? "" : w
}

/**
 * A share or change in percent, `round(part / whole × 100, 2)` half-up, as the narrative states it;
 * `"0.00"` when the whole is zero (the narrative never divides by nothing).
 * @category formatting
 */
export const percent = (part: Money, whole: Money): string => {
  const w = new D(whole)
  if (w.isZero()) return "0.00"
  return new D(part).dividedBy(w).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

/**
 * The same percentage computed from printed 万元 figures, as human authors do
 * (e.g. a change of 2.95 over 26.12). Inputs are 万元 strings with two decimals.
 * @category formatting
 */
export const percentOfWan = (partWan: string, wholeWan: string): string => {
  const w = new D(wholeWan)
  if (w.isZero()) return "0.00"
  return new D(partWan).dividedBy(w).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

/** A whole-元 figure with thousands separators, as performance tables print funds (`"36,000"`). @category formatting */
export const toYuanGrouped = (a: Money): string => {
  const d = new D(a)
  const fixed = d.isInteger() ? d.toFixed(0) : d.toFixed(2)
  const [int = "0", frac] = fixed.replace("-", "").split(".")
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return (d.isNegative() && !d.isZero() ? "-" : "") + grouped + (frac ? "." + frac : "")
}

/** Multiplies by a decimal factor given as a string (e.g. a share), rounding to 分 half-up. @category math */
export const times = (a: Money, factor: string): Money => normalise(new D(a).times(factor).toDecimalPlaces(2))

/** Order for sorting. @category math */
export const Order = (a: Money, b: Money): number => compare(a, b)
