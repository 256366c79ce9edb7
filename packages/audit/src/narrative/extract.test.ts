/** Reading figures from template sentences: stated amounts and shares, counts, year-over-year clauses. */
import { Money } from "@ledger/domain"
import { describe, expect, it } from "vitest"
import { countAfter, roundPercent, statedAfter, yoyClauses } from "./extract.ts"

describe("narrative extraction", () => {
  it("reads a labelled amount and its share", () => {
    expect(statedAfter("其中：基本支出12.50万元，占40.00%；", "基本支出")).toEqual([
      { text: "12.50", index: 3, share: "40.00" },
    ])
  })
  it("reads counts in digits or Chinese numerals", () => {
    expect(countAfter("下属3家单位", "下属", "家单位")?.value).toBe(3)
    expect(countAfter("有十二个下属单位", "有", "个下属单位")?.value).toBe(12)
  })
  it("reads a year-over-year clause with a stated prior, and the left-in alternative", () => {
    const [c] = yoyClauses("预算10.00万元，比2025年预算12.00万元减少2.00万元，下降(增长)16.7%，原因是…")
    expect(c).toMatchObject({
      base: "10.00",
      prior: "12.00",
      direction: "减少",
      delta: "2.00",
      percentWord: "下降",
      residue: "(增长)",
      percent: "16.7",
    })
  })
  it("takes the clause's first amount as the base", () => {
    const [c] = yoyClauses("收入总计20.00万元，其中：本年收入18.00万元，比上年增加5.00万元，增长33.33%。")
    expect([c?.base, c?.prior]).toEqual(["20.00", undefined])
  })
  it("rounds a two-decimal percentage half-up to fewer decimals", () => {
    expect(roundPercent(Money.make("11.29"), 1)).toBe("11.3")
    expect(roundPercent(Money.make("11.24"), 1)).toBe("11.2")
    expect(roundPercent(Money.make("99.50"), 0)).toBe("100")
  })
})
