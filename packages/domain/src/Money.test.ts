import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Money from "./Money.ts"

// ---- an independent integer-fen model (no decimal.js) --------------------------------------

const MAX_FEN = 10n ** 17n - 1n // 15 integer digits + 2 decimals
const fen = fc.bigInt({ min: -MAX_FEN, max: MAX_FEN })
const smallFen = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })

/** Formats integer fen as a 元 string with two decimals, by hand. */
const fenToString = (f: bigint): string => {
  const neg = f < 0n
  const a = neg ? -f : f
  const s = `${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`
  return neg && a !== 0n ? "-" + s : s
}
const money = (f: bigint): Money.Money => Money.make(fenToString(f))

/** 元 → 万元 with two decimals, half away from zero, on integers: 1 万元 cent = 10,000 fen. */
const fenToWan = (f: bigint): string => {
  const neg = f < 0n
  const a = neg ? -f : f
  const cents = (a + 5000n) / 10000n
  const s = `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`
  return neg && cents !== 0n ? "-" + s : s
}

describe("Money.parse", () => {
  it.each([
    ["0", "0.00"],
    ["1", "1.00"],
    ["1.5", "1.50"],
    ["1578100.00", "1578100.00"],
    ["-12.3", "-12.30"],
    ["-0", "0.00"],
  ])("accepts %j as %j", (input, expected) => {
    expect(Result.getOrThrow(Money.parse(input))).toBe(expected)
  })

  it.each([
    [1, "a number"],
    [1.5, "a number"],
    ["1.234", "three decimals"],
    ["1e3", "exponent"],
    ["", "empty"],
    ["NaN", "NaN"],
    ["Infinity", "Infinity"],
    [" 1", "leading space"],
    ["01", "leading zero"],
    ["1.", "trailing dot"],
    [".5", "no integer part"],
    ["+1", "plus sign"],
    ["1,000", "grouping"],
    [null, "null"],
    [undefined, "undefined"],
  ])("rejects %j (%s) with InvalidAmount echoing the input", (input, _why) => {
    const r = Money.parse(input)
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure._tag).toBe("InvalidAmount")
      expect(r.failure.input).toBe(input)
    }
  })

  it("make throws on what parse refuses (a programming error, not input handling)", () => {
    expect(() => Money.make("1.234")).toThrow()
  })

  it("parse ∘ format is the identity on every amount", () => {
    fc.assert(
      fc.property(fen, (f) => {
        const m = money(f)
        expect(m).toBe(fenToString(f))
        expect(Result.getOrThrow(Money.parse(m))).toBe(m)
      }),
    )
  })

  it("parse of the grouped 元 form (commas removed) gives the amount back", () => {
    fc.assert(
      fc.property(fen, (f) => {
        const m = money(f)
        const grouped = Money.toYuanGrouped(m)
        expect(grouped).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d{2})?$/)
        expect(Result.getOrThrow(Money.parse(grouped.replaceAll(",", "")))).toBe(m)
      }),
    )
  })
})

describe("Money arithmetic", () => {
  it("add, sub and negate agree with integer fen", () => {
    fc.assert(
      fc.property(smallFen, smallFen, (a, b) => {
        expect(Money.add(money(a), money(b))).toBe(fenToString(a + b))
        expect(Money.sub(money(a), money(b))).toBe(fenToString(a - b))
        expect(Money.negate(money(a))).toBe(fenToString(-a))
      }),
    )
  })

  it("sums are exact and independent of order", () => {
    fc.assert(
      fc.property(fc.array(fen, { maxLength: 60 }), fc.integer(), (fens, seed) => {
        const amounts = fens.map(money)
        const exact = fenToString(fens.reduce((s, f) => s + f, 0n))
        const shuffled = [...amounts].sort(
          (x, y) => ((x.length * 31 + seed) % 7) - ((y.length * 31 + seed) % 7),
        )
        expect(Money.sum(amounts)).toBe(exact)
        expect(Money.sum([...amounts].reverse())).toBe(exact)
        expect(Money.sum(shuffled)).toBe(exact)
      }),
    )
  })

  it("sums what floating point cannot: 0.10 + 0.20 is 0.30", () => {
    expect(Money.sum([Money.make("0.10"), Money.make("0.20")])).toBe("0.30")
  })

  it("compare orders like integer fen; predicates agree with the sign", () => {
    fc.assert(
      fc.property(fen, fen, (a, b) => {
        expect(Money.compare(money(a), money(b))).toBe(a < b ? -1 : a > b ? 1 : 0)
        expect(Money.isNegative(money(a))).toBe(a < 0n)
        expect(Money.isPositive(money(a))).toBe(a > 0n)
        expect(Money.isZero(money(a))).toBe(a === 0n)
        expect(Money.abs(money(a))).toBe(fenToString(a < 0n ? -a : a))
      }),
    )
  })
})

describe("Money → 万元", () => {
  it("fromWan is exact and toWan undoes it; a 元 amount is within 50 元 of its rounded 万元 back in 元", () => {
    fc.assert(
      fc.property(smallFen, (f) => {
        const wan = money(f)
        expect(Money.fromWan(wan)).toBe(fenToString(f * 10000n))
        expect(Money.toWan(Money.fromWan(wan))).toBe(wan)
        const back = Money.fromWan(Money.make(Money.toWan(wan)))
        expect(Money.compare(Money.abs(Money.sub(back, wan)), Money.make("50.00"))).toBeLessThanOrEqual(0)
      }),
    )
  })

  it("rounds each figure half-up to two decimals, matching an integer implementation", () => {
    fc.assert(
      fc.property(fen, (f) => {
        expect(Money.toWan(money(f))).toBe(fenToWan(f))
      }),
    )
  })

  it("rounds exact halves away from zero and just-below-halves toward zero, like the integer model", () => {
    const halves = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.constantFrom(-1n, 0n, 1n))
    fc.assert(
      fc.property(halves, ([k, d]) => {
        const f = k * 10000n + (k < 0n ? -5000n : 5000n) + d
        expect(Money.toWan(money(f))).toBe(fenToWan(f))
      }),
    )
  })

  it.each([
    ["49.99", "0.00"],
    ["50.00", "0.01"],
    ["149.99", "0.01"],
    ["150.00", "0.02"],
    ["-50.00", "-0.01"],
    ["-49.99", "0.00"],
    ["1578100.00", "157.81"],
  ])("toWan(%j) = %j at the half-way edges", (yuan, wan) => {
    expect(Money.toWan(Money.make(yuan))).toBe(wan)
  })

  it("a table cell is blank when the rounded figure is zero, the figure otherwise", () => {
    expect(Money.toWanCell(Money.make("0.00"))).toBe("")
    expect(Money.toWanCell(Money.make("49.99"))).toBe("")
    expect(Money.toWanCell(Money.make("50.00"))).toBe("0.01")
  })

  it("reproduces a 尾差: items summed in 元 and rounded on their own differ from the rounded total", () => {
    const items = ["2000060.00", "2000060.00", "1407160.00"].map(Money.make)
    const printedItems = items.map(Money.toWan)
    expect(printedItems).toEqual(["200.01", "200.01", "140.72"])
    const sumOfPrinted = printedItems.reduce((s, w) => s + Math.round(Number(w) * 100), 0) / 100
    expect(sumOfPrinted.toFixed(2)).toBe("540.74")
    expect(Money.toWan(Money.sum(items))).toBe("540.73")
  })
})

describe("Money formatting", () => {
  it("percent rounds half-up to two decimals and is 0.00 over a zero whole", () => {
    expect(Money.percent(Money.make("1"), Money.make("3"))).toBe("33.33")
    expect(Money.percent(Money.make("2"), Money.make("3"))).toBe("66.67")
    expect(Money.percent(Money.make("1"), Money.make("8"))).toBe("12.50")
    expect(Money.percent(Money.make("5"), Money.make("0"))).toBe("0.00")
  })

  it("percentOfWan works on printed figures", () => {
    expect(Money.percentOfWan("1.00", "8.00")).toBe("12.50")
    expect(Money.percentOfWan("1.00", "0.00")).toBe("0.00")
  })

  it("toYuanGrouped prints whole 元 without decimals and keeps fen otherwise", () => {
    expect(Money.toYuanGrouped(Money.make("36000"))).toBe("36,000")
    expect(Money.toYuanGrouped(Money.make("1234567.5"))).toBe("1,234,567.50")
    expect(Money.toYuanGrouped(Money.make("-1000"))).toBe("-1,000")
    expect(Money.toYuanGrouped(Money.make("0"))).toBe("0")
  })

  it("times rounds to 分 half-up", () => {
    expect(Money.times(Money.make("10.00"), "0.3333")).toBe("3.33")
    expect(Money.times(Money.make("0.05"), "0.5")).toBe("0.03")
  })
})

describe("Amount schemas", () => {
  it("Amount refuses signs; SignedAmount accepts them", async () => {
    const { Schema } = await import("effect")
    const amount = Schema.decodeUnknownResult(Money.Amount)
    const signed = Schema.decodeUnknownResult(Money.SignedAmount)
    expect(Result.isSuccess(amount("12.30"))).toBe(true)
    expect(Result.isFailure(amount("-12.30"))).toBe(true)
    expect(Result.isFailure(amount(12.3))).toBe(true)
    expect(Result.isFailure(amount("1.234"))).toBe(true)
    expect(Result.isSuccess(signed("-12.30"))).toBe(true)
    expect(Result.isFailure(signed("1e3"))).toBe(true)
  })
})

describe("the integer fast path agrees with decimal.js", () => {
  const R = Money.decimalReference
  // whole range (15 integer digits, beyond the fast path), the fast range, small values, and
  // the amount grammar's other spellings (no or one decimal, "-0")
  const anyFen = fc.oneof(fen, smallFen, fc.bigInt({ min: -10_000_000n, max: 10_000_000n }))
  const spelled = anyFen.chain((f) => {
    const m = fenToString(f)
    const variants = [m]
    if (m.endsWith("0")) variants.push(m.slice(0, -1))
    if (m.endsWith(".00")) variants.push(m.slice(0, -3))
    if (m === "0.00") variants.push("-0", "-0.0")
    return fc.constantFrom(...variants)
  })
  const amount = spelled.map((s) => s as Money.Money)

  it("parse, add, sub, negate, abs, compare, predicates and toWan give the decimal.js strings", () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(Money.make(a)).toBe(R.normalise(a))
        expect(Money.add(a, b)).toBe(R.add(a, b))
        expect(Money.sub(a, b)).toBe(R.sub(a, b))
        expect(Money.compare(a, b)).toBe(R.compare(a, b))
        expect(Money.toWan(a)).toBe(R.toWan(a))
        expect(Money.negate(a)).toBe(R.sub(Money.zero, a))
        expect(Money.abs(a)).toBe(R.compare(a, Money.zero) < 0 ? R.sub(Money.zero, a) : R.normalise(a))
        expect([Money.isNegative(a), Money.isZero(a), Money.isPositive(a)]).toEqual([
          R.compare(a, Money.zero) < 0,
          R.compare(a, Money.zero) === 0,
          R.compare(a, Money.zero) > 0,
        ])
      }),
      { numRuns: 2000 },
    )
  })

  it("sums agree, including sums that leave the safe integer range part way and come back", () => {
    // 13-digit amounts: ~1,000 of them exceed 2^53 fen, so the running sum must hand over to decimal.js
    const big = fc
      .bigInt({ min: 9n * 10n ** 14n, max: 10n ** 15n - 1n })
      .map((f) => fenToString(f) as Money.Money)
    fc.assert(
      fc.property(fc.array(fc.oneof(amount, big), { maxLength: 40 }), fc.boolean(), (items, iterate) => {
        const input: Iterable<Money.Money> = iterate ? new Set(items).values() : items
        const expected = R.sum(iterate ? new Set(items) : items)
        expect(Money.sum(input)).toBe(expected)
      }),
    )
    // 12 × 13 digits leaves the safe range after the 10th item; the negations bring it back to zero
    const many = Array.from({ length: 12 }, () => "9999999999999.99" as Money.Money)
    expect(Money.sum(many)).toBe("119999999999999.88")
    expect(Money.sum([...many, ...many.map((m) => Money.negate(m))])).toBe("0.00")
    const huge = Array.from({ length: 12 }, () => "999999999999999.99" as Money.Money)
    expect(Money.sum(huge)).toBe("11999999999999999.88")
  })

  it("adding two largest fast-path amounts stays exact", () => {
    const top = "9999999999999.99" as Money.Money
    expect(Money.add(top, top)).toBe("19999999999999.98")
    expect(Money.sub(Money.negate(top), top)).toBe("-19999999999999.98")
    expect(Money.sum([top, top, top, top, top, top, top, top, top, top])).toBe("99999999999999.90")
  })
})
