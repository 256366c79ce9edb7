/** The Chinese wording of a finding follows its structure: place, rule, and the sides it compares. */
import { describe, expect, it } from "vitest"
import { checkResultIn, findingMessageZh } from "./language.ts"

describe("findingMessageZh", () => {
  it("names the ledger and the document when a finding compares them", () => {
    expect(
      findingMessageZh({
        rule: "R12",
        check: "project-ledger",
        place: { table: "12", row: "高标准农田建设管理", column: "合计" },
        message: "…",
        severity: "error",
        ledger: "80.00",
        published: "85.00",
      }),
    ).toBe("错误（R12 项目支出表（本年预算））表12/高标准农田建设管理/合计：账本为 80.00，文档为 85.00")
  })
  it("says what the rule expects otherwise, and marks warnings", () => {
    expect(
      findingMessageZh({
        rule: "R1",
        check: "t1-income-sum",
        place: { table: "1", row: "本年收入合计" },
        message: "…",
        severity: "warning",
        expected: "10.00",
        actual: "11.00",
      }),
    ).toBe("提示（R1 收支总表收支平衡）表1/本年收入合计：按规则应为 10.00，文档为 11.00")
  })
  it("en keeps the rules' wording", () => {
    const r = {
      passed: [],
      findings: [{ rule: "R1", check: "x", place: {}, message: "english", severity: "error" }],
    } as const
    expect(checkResultIn(r, "en")).toBe(r)
    expect(checkResultIn(r, "zh").findings[0]?.message).toContain("文档")
  })
})
