import { describe, expect, it } from "vitest"
import { referenceText } from "../testing/fixture.ts"
import { glossaryFor } from "./glossary.ts"

const REFERENCE = referenceText()
const part4 = REFERENCE.slice(REFERENCE.indexOf("第四部分 名词解释\n")).replace(/：\n+/g, "：")

describe("glossaryFor", () => {
  const glossary = glossaryFor("shanxi-county-13")

  it("numbers the template's twelve terms 一 … 十二", () => {
    expect(glossary.map((g) => g.id)).toEqual([
      "一",
      "二",
      "三",
      "四",
      "五",
      "六",
      "七",
      "八",
      "九",
      "十",
      "十一",
      "十二",
    ])
  })

  it("matches the reference document's glossary term for term", () => {
    for (const g of glossary) {
      if (g.term === "“三公”经费") continue
      expect(part4).toContain(`${g.id}、${g.term}：${g.definition}`)
    }
  })

  it("does not carry the provincial boilerplate into a county document (§5.2 no. 13)", () => {
    const threePublic = glossary.find((g) => g.term === "“三公”经费")
    expect(part4).toContain("指省直部门用财政拨款安排的")
    expect(threePublic?.definition.startsWith("指部门用财政拨款安排的")).toBe(true)
    expect(part4.replace("指省直部门", "指部门")).toContain(
      `三、“三公”经费：${threePublic?.definition ?? "?"}`,
    )
  })

  it("refuses a template it has no data for", () => {
    expect(() => glossaryFor("nowhere-99")).toThrow()
    expect(() => glossaryFor("../secrets")).toThrow(/not a template/)
  })
})
