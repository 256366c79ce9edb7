/** Printed-figure arithmetic: blanks, the 尾差 tolerance per summed item, 元/万元 slips. */
import { Money } from "@ledger/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { amount, isUnitSlip, tolerance, within, yuanToWan } from "./amount.ts"

describe("amount helpers", () => {
  it("reads blanks as zero and refuses non-figures", () => {
    expect(amount("")).toBe("0.00")
    expect(amount("1,234.5")).toBe("1234.50")
    expect(amount("abc")).toBeUndefined()
  })
  it("tolerates 0.01 万元 per summed item, no more", () => {
    expect(within(Money.make("540.74"), Money.make("540.73"), 1)).toBe(true)
    expect(within(Money.make("540.75"), Money.make("540.73"), 1)).toBe(false)
    expect(within(Money.make("540.75"), Money.make("540.73"), 2)).toBe(true)
    expect(tolerance(0)).toBe("0.01")
  })
  it("property: n figures each rounded half-up to 0.01 sum within the tolerance of n of their rounded total", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        (yuan) => {
          const parts = yuan.map((y) => Money.make(Money.toWan(Money.make(String(y)))))
          const total = Money.make(Money.toWan(Money.sum(yuan.map((y) => Money.make(String(y))))))
          return within(Money.sum(parts), total, parts.length)
        },
      ),
    )
  })
  it("sees a 元 figure written where 万元 is meant, and back", () => {
    expect(isUnitSlip(Money.make("400000"), Money.make("40.00"))).toBe(true)
    expect(isUnitSlip(Money.make("40.00"), Money.make("400000"))).toBe(true)
    expect(isUnitSlip(Money.make("40.01"), Money.make("40.00"))).toBe(false)
    expect(yuanToWan("36,000")).toBe("3.60")
  })
})
