import { Money } from "@ledger/domain"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { change, chineseDate, reason, share, wan, wanDiff, wanSum } from "./wording.ts"

describe("narrative wording", () => {
  it("prints 万元 with two decimals, rounding each figure on its own", () => {
    expect(wan(Money.make("30000"))).toBe("3.00")
    expect(wan(Money.make("0"))).toBe("0.00")
    expect(wan(Money.make("12345.67"))).toBe("1.23")
    expect(wan(Money.make("12350"))).toBe("1.24")
  })

  it("computes shares from printed figures, half-up to two decimals", () => {
    expect(share("540.73", "565.51")).toBe("95.62")
    expect(share("0.00", "565.51")).toBe("0.00")
    expect(share("1.00", "0.00")).toBe("0.00")
  })

  it("states a decrease with its percentage of the prior figure", () => {
    expect(change("23.17", "26.12")).toBe("比上年减少2.95万元，下降11.29%")
  })

  it("states an increase, and no percentage when the prior figure is zero", () => {
    expect(change("12.00", "10.00")).toBe("比上年增加2.00万元，增长20.00%")
    expect(change("3.00", "0.00")).toBe("比上年增加3.00万元")
  })

  it("states no change in the template's words", () => {
    expect(change("3.00", "3.00")).toBe("与上年预算数相同")
    expect(change("3.00", "3.00", { against: "2025年预算数", same: "2025年预算数" })).toBe(
      "与2025年预算数相同",
    )
  })

  it("adds and subtracts printed figures exactly", () => {
    expect(wanDiff("565.51", "755.37")).toBe("-189.86")
    expect(wanSum(["0.10", "0.20"])).toBe("0.30")
  })

  it("appends a reason once, without doubled punctuation", () => {
    expect(reason("原因是", "人员减少。")).toBe("，原因是人员减少")
    expect(reason("原因是", undefined)).toBe("")
    expect(reason("原因是", " 。")).toBe("")
  })

  it("never says the cause twice when the note already opens with it", () => {
    expect(reason("主要原因是", "主要是人员增加。")).toBe("，主要是人员增加")
    expect(reason("主要原因是", "主要原因是人员增加")).toBe("，主要原因是人员增加")
    expect(reason("原因是", "由于车辆更新")).toBe("，由于车辆更新")
    expect(reason("主要原因是", "是人员增加")).toBe("，主要原因是人员增加")
    expect(reason("主要原因是", "人员增加")).toBe("，主要原因是人员增加")
  })

  it("for every lead and note: the note's words once, at the end, after at most one cause phrase", () => {
    const opening = fc.constantFrom("", "主要是", "主要原因是", "原因是", "由于", "因为", "是", "系")
    const body = fc.string({
      unit: fc.constantFrom(..."人员增加减少车辆更新会议培训项目结束"),
      minLength: 1,
      maxLength: 12,
    })
    fc.assert(
      fc.property(fc.constantFrom("主要原因是", "原因是"), opening, body, (lead, open, rest) => {
        const note = `${open}${rest}`
        const out = reason(lead, `${note}。`)
        const words = note.trim()
        expect(out.startsWith("，")).toBe(true)
        expect(out.endsWith(words.slice(1))).toBe(true)
        expect(out).not.toMatch(/^，(主要原因是|原因是)(主要|原因|由于|因为|系|是)/u)
      }),
    )
  })

  it("writes cut-off dates the Chinese way", () => {
    expect(chineseDate("2025-12-31")).toBe("2025年12月31日")
    expect(chineseDate("2026-01-05T09:00:00+08:00")).toBe("2026年1月5日")
  })
})
