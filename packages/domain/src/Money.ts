/**
 * Money in 元 as exact decimals. This is the only module that touches decimal.js:
 * amounts travel everywhere else as strings such as `"1578100.00"`, so no JS number
 * outside this module ever holds an amount and rounding happens in exactly one place.
 * Addition, comparison and 万元 rounding run on integer fen while that is exact (a table
 * build sums thousands of amounts) and fall back to decimal.js when it is not.
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
    message: 'must be an amount in 元 written as a string with at most two decimals, e.g. "1578100.00"',
  }),
).annotate({ title: "Amount", description: "元, at most two decimals, as a string" })

/**
 * Schema for a signed amount (adjustment deltas).
 * @category models
 */
export const SignedAmount = Schema.String.check(
  Schema.isPattern(SIGNED, {
    message: 'must be a signed amount in 元 written as a string with at most two decimals, e.g. "-1200.00"',
  }),
).annotate({ title: "SignedAmount", description: "signed 元, at most two decimals, as a string" })

const normalise = (d: Decimal): Money => {
  const s = d.toFixed(2)
  return (s === "-0.00" ? "0.00" : s) as Money
}

// ---- the integer fast path ------------------------------------------------------------------
//
// Amounts with at most 13 integer digits are below 10^15 fen, so a sum of two of them, or any sum
// kept within ±(2^53 − 1) fen, is exact in a JS number. Everything else (more digits, a running sum
// that would leave the safe range, a string outside the amount grammar) takes decimal.js, exactly as
// before. Both paths give the same strings: the property tests compare them on random inputs.

const MAX_FAST_DIGITS = 13

/** Integer fen of an amount in the grammar with ≤ 13 integer digits, else undefined (use decimal.js). */
const toFen = (s: string): number | undefined => {
  const n = s.length
  let i = 0
  const neg = n > 0 && s.charCodeAt(0) === 45 // "-"
  if (neg) i = 1
  const intStart = i
  let int = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) break
    int = int * 10 + c
  }
  const digits = i - intStart
  if (digits === 0 || digits > MAX_FAST_DIGITS || (digits > 1 && s.charCodeAt(intStart) === 48))
    return undefined
  let frac = 0
  if (i < n) {
    if (s.charCodeAt(i) !== 46 || n - i < 2 || n - i > 3) return undefined // "." and 1–2 digits
    const d1 = s.charCodeAt(i + 1) - 48
    const d2 = n - i === 3 ? s.charCodeAt(i + 2) - 48 : 0
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined
    frac = d1 * 10 + d2
  }
  const f = int * 100 + frac
  return neg ? -f : f
}

/** A safe integer of fen (or hundredths of any unit) as a string with two decimals, never "-0.00". */
const fromFen = (f: number): string => {
  const a = f < 0 ? -f : f
  const cents = a % 100
  const whole = (a - cents) / 100
  return (f < 0 ? "-" : "") + String(whole) + (cents < 10 ? ".0" : ".") + String(cents)
}

const isSafe = (f: number): boolean => f <= Number.MAX_SAFE_INTEGER && f >= -Number.MAX_SAFE_INTEGER

// ---- the decimal.js reference ---------------------------------------------------------------

const decSum = (acc: Decimal, rest: Iterator<Money>): Money => {
  for (let r = rest.next(); r.done !== true; r = rest.next()) acc = acc.plus(r.value)
  return normalise(acc)
}

const decToWan = (a: Money): string => {
  const s = new D(a).dividedBy(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
  return s === "-0.00" ? "0.00" : s
}

/**
 * The decimal.js implementations that the integer fast paths must agree with, string for string.
 * Exported for the property tests only; use the plain functions.
 * @internal
 */
export const decimalReference = {
  normalise: (a: string): Money => normalise(new D(a)),
  add: (a: Money, b: Money): Money => normalise(new D(a).plus(b)),
  sub: (a: Money, b: Money): Money => normalise(new D(a).minus(b)),
  sum: (amounts: Iterable<Money>): Money => decSum(new D(0), amounts[Symbol.iterator]()),
  compare: (a: Money, b: Money): -1 | 0 | 1 => new D(a).comparedTo(b) as -1 | 0 | 1,
  toWan: decToWan,
}

/**
 * Parses an untrusted value into Money; only strings in the amount grammar are accepted.
 * @category constructors
 */
export const parse = (input: unknown): Result.Result<Money, InvalidAmount> => {
  if (typeof input !== "string") {
    return Result.fail(
      new InvalidAmount({ input, message: "an amount must be a string, not " + typeof input }),
    )
  }
  if (!SIGNED.test(input)) {
    return Result.fail(
      new InvalidAmount({ input, message: `"${input}" is not an amount with at most two decimals` }),
    )
  }
  const f = toFen(input)
  return Result.succeed(f === undefined ? normalise(new D(input)) : (fromFen(f) as Money))
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
export const add = (a: Money, b: Money): Money => {
  const fa = toFen(a)
  const fb = fa === undefined ? undefined : toFen(b)
  // two operands below 10^15 fen each: the sum is below 2^53, exact
  return fb === undefined ? decimalReference.add(a, b) : (fromFen((fa as number) + fb) as Money)
}
/** a − b, exactly. @category math */
export const sub = (a: Money, b: Money): Money => {
  const fa = toFen(a)
  const fb = fa === undefined ? undefined : toFen(b)
  return fb === undefined ? decimalReference.sub(a, b) : (fromFen((fa as number) - fb) as Money)
}
/** −a. @category math */
export const negate = (a: Money): Money => {
  const f = toFen(a)
  return f === undefined ? normalise(new D(a).negated()) : (fromFen(-f) as Money)
}
/** Σ amounts, exactly and independent of order. @category math */
export const sum = (amounts: Iterable<Money>): Money => {
  const it = amounts[Symbol.iterator]()
  let acc = 0
  for (let r = it.next(); r.done !== true; r = it.next()) {
    const f = toFen(r.value)
    const next = f === undefined ? Number.NaN : acc + f
    // leaving the safe range (or an operand the fast path does not take): continue exactly in decimal.js
    if (!isSafe(next)) return decSum(new D(fromFen(acc)).plus(r.value), it)
    acc = next
  }
  return fromFen(acc) as Money
}
/** −1, 0 or 1. @category math */
export const compare = (a: Money, b: Money): -1 | 0 | 1 => {
  const fa = toFen(a)
  const fb = fa === undefined ? undefined : toFen(b)
  if (fb === undefined) return decimalReference.compare(a, b)
  return (fa as number) < fb ? -1 : (fa as number) > fb ? 1 : 0
}
/** The sign of an amount in the fast path, or undefined for decimal.js. */
const fastSign = (a: Money): number | undefined => {
  const f = toFen(a)
  return f === undefined ? undefined : f < 0 ? -1 : f > 0 ? 1 : 0
}
/** True when the amount is exactly zero. @category math */
export const isZero = (a: Money): boolean => {
  const s = fastSign(a)
  return s === undefined ? new D(a).isZero() : s === 0
}
/** True when the amount is below zero. @category math */
export const isNegative = (a: Money): boolean => {
  const s = fastSign(a)
  return s === undefined ? new D(a).isNegative() && !new D(a).isZero() : s < 0
}
/** True when the amount is above zero. @category math */
export const isPositive = (a: Money): boolean => {
  const s = fastSign(a)
  return s === undefined ? new D(a).isPositive() && !new D(a).isZero() : s > 0
}
/** Absolute value. @category math */
export const abs = (a: Money): Money => {
  const f = toFen(a)
  return f === undefined ? normalise(new D(a).abs()) : (fromFen(f < 0 ? -f : f) as Money)
}

/**
 * 元 → 万元, rounded half-up to two decimals on its own. Summing in 元 and rounding each
 * printed figure separately is what produces the 尾差 of published tables.
 * @category formatting
 */
export const toWan = (a: Money): string => {
  const f = toFen(a)
  if (f === undefined) return decToWan(a)
  // 1 万元 cent = 10,000 fen; half away from zero, as decimal.js ROUND_HALF_UP
  const abs = f < 0 ? -f : f
  const rest = abs % 10000
  const cents = (abs - rest) / 10000 + (rest >= 5000 ? 1 : 0)
  return fromFen(f < 0 ? -cents : cents)
}

/**
 * 万元 → 元, exactly (`"0.12"` → `"1200.00"`): the one conversion the other way, for a printed
 * 万元 figure compared with 元 amounts or stated in a sentence as 万元.
 * @category formatting
 */
export const fromWan = (wan: Money): Money => times(wan, "10000")

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

/** 元 with thousands separators and always two decimals ("10,308,000.00"), as forms print funds. @category formatting */
export const toYuanGroupedCents = (a: Money): string => {
  const grouped = toYuanGrouped(a)
  return grouped.includes(".") ? grouped : `${grouped}.00`
}

/** Multiplies by a decimal factor given as a string (e.g. a share), rounding to 分 half-up. @category math */
export const times = (a: Money, factor: string): Money => normalise(new D(a).times(factor).toDecimalPlaces(2))

/** Order for sorting. @category math */
export const Order = (a: Money, b: Money): number => compare(a, b)
