/**
 * The published-text parser on the reference document, and its robustness to what PDF extraction
 * does: page furniture, headers repeated after a page break, blank lines, Windows line ends.
 */
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import type { AuditDocument } from "../model/document.ts"
import { TABLES } from "../tables/template.ts"
import { referenceText } from "../testing-fixtures/reference.ts"
import { SECTION_IDS } from "../util/numerals.ts"
import { parsePublishedText } from "./index.ts"

let text: string
let doc: AuditDocument

const parse = (t: string): AuditDocument => {
  const r = parsePublishedText(t)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

beforeAll(() => {
  text = referenceText()
  doc = parse(text)
})

describe("parsePublishedText on the reference document", () => {
  it("finds the cover year and department, and all 13 tables by title", () => {
    expect(doc.fiscalYear).toBe(2026)
    expect(doc.departmentName.endsWith("办公室")).toBe(true)
    expect([...doc.tables.keys()]).toEqual(TABLES.map((t) => t.id))
    for (const t of doc.tables.values()) expect(t.title.startsWith("2026年")).toBe(true)
  })

  it("reads rows at the template's width, the 30 classes of table 1 across its page break", () => {
    for (const t of doc.tables.values()) {
      const width = TABLES.find((s) => s.id === t.id)?.columns.length
      expect(
        t.rows.every((r) => r.cells.length === width),
        `table ${t.id}`,
      ).toBe(true)
    }
    const classes = doc.tables
      .get("1")
      ?.rows.filter((r) => /^[一二三四五六七八九十]+、/.test(r.cells[2] ?? ""))
    expect(classes).toHaveLength(30)
  })

  it("keeps notes: the rounding note of table 1 and 本表无数据 of the empty tables", () => {
    expect(doc.tables.get("1")?.notes.some((n) => n.includes("尾差"))).toBe(true)
    for (const id of ["4", "7", "8", "9"]) expect(doc.tables.get(id)?.notes).toContain("注：本表无数据")
  })

  it("finds the 12 narrative sections in order, with the performance tables cut out of 十", () => {
    expect(doc.narrative.map((s) => s.id)).toEqual(SECTION_IDS)
    const ten = doc.narrative.find((s) => s.id === "十")?.text ?? ""
    expect(ten).toContain("整体绩效目标")
    expect(ten).not.toContain("填报日期")
  })

  it("reads every printed 绩效目标表: name, unit, funds in 元, 14-digit 填报日期", () => {
    expect(doc.performance?.length).toBeGreaterThan(0)
    for (const p of doc.performance ?? []) {
      expect(p.projectName).not.toBe("")
      expect(p.unitName).not.toBe("")
      expect(p.annualFunds.total).toMatch(/^\d+$/)
      expect(p.implementationFunds.total).toMatch(/^\d+$/)
      expect(p.filledAt).toMatch(/^\d{14}$/)
      expect(p.annualFunds.local).toBe(p.annualFunds.total) // all county money in this department
    }
    expect(
      doc.performance?.some((p) => p.indicators.some((i) => i.level2 === "成本指标" && i.annualValue !== "")),
    ).toBe(true)
  })

  it("reads 机构设置 (count and names) and the glossary", () => {
    expect(doc.overviewUnits?.count).toBe(doc.overviewUnits?.names.length)
    expect(doc.glossary.length).toBe(12)
  })
})

describe("robustness to PDF extraction", () => {
  it("watermarks, repeated headers after a page break, blank lines and CRLF change nothing", () => {
    const lines = text.split("\n")
    const noisy: string[] = []
    let inT2 = false
    for (const l of lines) {
      noisy.push(l)
      if (l.trim().endsWith("预算收入总表")) inT2 = true
      if (inT2 && /^2010302\t/.test(l)) {
        // a page break inside table 2: watermark, page header and the column header printed again
        noisy.push(
          "",
          "内部资料",
          "",
          "部门名称：某部门",
          "单位：万元",
          "科目编码\t科目名称\t合计\t一般公共预算\t政府性基金\t国有资本经营预算\t财政专户管理资金\t单位资金\t",
          "",
        )
        inT2 = false
      }
    }
    for (let i = 0; i < 5; i++) noisy.splice(10 + i * 40, 0, "内部资料")
    const again = parse(noisy.join("\r\n"))
    expect([...again.tables.values()].map((t) => t.rows)).toEqual([...doc.tables.values()].map((t) => t.rows))
    expect(again.narrative).toEqual(doc.narrative)
    expect(again.performance).toEqual(doc.performance)
  })

  it("fails naming the field when there is no table", () => {
    const r = parsePublishedText("某部门\n2026年度部门预算公开\n")
    expect(Result.isFailure(r) && r.failure.field).toBe("tables")
  })
})
