import { describe, expect, it } from "vitest"
import { toChineseNumeral } from "./chinese-numerals.ts"

describe("toChineseNumeral", () => {
  it.each([
    [0, "零"],
    [1, "一"],
    [9, "九"],
    [10, "十"],
    [11, "十一"],
    [12, "十二"],
    [20, "二十"],
    [35, "三十五"],
    [100, "一百"],
    [101, "一百零一"],
    [115, "一百一十五"],
    [230, "二百三十"],
  ])("%i → %s", (n, s) => {
    expect(toChineseNumeral(n)).toBe(s)
  })

  it("refuses what it cannot write", () => {
    expect(() => toChineseNumeral(-1)).toThrow(RangeError)
    expect(() => toChineseNumeral(1.5)).toThrow(RangeError)
    expect(() => toChineseNumeral(1000)).toThrow(RangeError)
  })
})
