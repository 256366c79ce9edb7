import { referenceText } from "@ledger/projections/testing"
import { describe, expect, it } from "vitest"
import { referenceDisclosure } from "./testing-fixtures/reference.ts"
import { renderTxt } from "./txt.ts"

const REFERENCE = referenceText()
const d = referenceDisclosure()
const txt = renderTxt(d)

describe("renderTxt", () => {
  it("prints every figure row of tables 1–3, 5, 6 and 10–13 exactly as the reference text does", () => {
    for (const t of d.tables.filter((x) => !["4", "7", "8", "9"].includes(x.id))) {
      for (const r of t.rows) {
        const line = r.cells.join("\t").replace(/\t+$/, "")
        expect(txt, `table ${t.id}`).toContain(line)
        expect(REFERENCE, `table ${t.id}`).toContain(line)
      }
    }
  })

  it("prints the whole document in reading order: parts, sections, performance tables, glossary", () => {
    const order = [
      "第一部分 概况",
      "一、本部门职责",
      "(一)负责区政府各类会议的组织实施工作。",
      "二、机构设置情况",
      "第二部分 2026年部门预算报表",
      "2026年预算收支总表\n部门名称：长治市屯留区人民政府办公室\n单位：万元",
      "第三部分 2026年度部门预算情况说明",
      "十、绩效管理情况",
      "屯留区县(区)级预算部门(单位)项目支出绩效目标表\n(2026年度)",
      "十一、国有资产占有使用情况",
      "第四部分 名词解释",
      "十二、财政拨款：包含一般公共预算、政府性基金预算、国有资本经营预算。",
    ]
    let at = -1
    for (const s of order) {
      const i = txt.indexOf(s, at + 1)
      expect(i, s).toBeGreaterThan(at)
      at = i
    }
    expect(txt.match(/项目支出绩效目标表/g)).toHaveLength(d.performanceTargets.length)
  })

  it("keeps the empty tables' note and the chart data", () => {
    expect(txt.match(/注：本表无数据/g)?.length).toBe(
      d.tables.filter((t) => t.notes.includes("注：本表无数据")).length,
    )
    expect(txt).toContain("一般公共预算当年拨款结构图\n一般公共服务支出\t458.19")
  })
})
