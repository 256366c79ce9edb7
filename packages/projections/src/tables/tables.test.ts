/**
 * Table builders on small synthetic logs: the 类/款/项 hierarchy, blank zero cells, 尾差 from
 * rounding every cell on its own, the table-6 dominant-class rule, table 11's unit types and
 * empty tables.
 */
import type { BudgetEvent } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../as-of.ts"
import { buildDisclosure } from "../disclosure.ts"
import type { Disclosure, DisclosureTable } from "../disclosure-schema.ts"
import { basicLine, department, logged } from "../testing/synthetic.ts"

const appropriation = (line: ReturnType<typeof basicLine>): BudgetEvent.BudgetEvent => ({
  type: "AppropriationRecorded",
  data: { line },
})
const build = (events: ReadonlyArray<BudgetEvent.BudgetEvent>): Disclosure => {
  const r = buildDisclosure(logged(events), AsOf.current)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const t = (d: Disclosure, id: string): DisclosureTable => d.tables.find((x) => x.id === id) as DisclosureTable
const cells = (d: Disclosure, id: string) => t(d, id).rows.map((r) => r.cells)

describe("table builders", () => {
  it("prints the 类/款/项 hierarchy in code order, only codes with figures, with codes on each row", () => {
    const d = build([
      ...department([["U1", "administrative"]]),
      appropriation(basicLine("b", "U1", "2210201", "30113", "10000")),
      appropriation(basicLine("a", "U1", "2010301", "30101", "20000")),
      appropriation(basicLine("z", "U1", "2080505", "30108", "0")),
    ])
    expect(cells(d, "5")).toEqual([
      ["合计", "", "3.00", "3.00", ""],
      ["201", "一般公共服务支出", "2.00", "2.00", ""],
      ["20103", "政府办公厅（室）及相关机构事务", "2.00", "2.00", ""],
      ["2010301", "行政运行", "2.00", "2.00", ""],
      ["221", "住房保障支出", "1.00", "1.00", ""],
      ["22102", "住房改革支出", "1.00", "1.00", ""],
      ["2210201", "住房公积金", "1.00", "1.00", ""],
    ])
    expect(t(d, "5").rows.map((r) => r.kind)).toEqual([
      "total",
      "class",
      "kuan",
      "xiang",
      "class",
      "kuan",
      "xiang",
    ])
    expect(t(d, "5").rows[3]?.codes).toEqual({ function: "2010301" })
    expect(t(d, "5").rows[3]?.cellLines).toEqual([null, null, ["a"], ["a"], []])
  })

  it("rounds every cell on its own, so totals keep the 尾差 of the parts", () => {
    const d = build([
      ...department([["U1", "administrative"]]),
      appropriation(basicLine("a", "U1", "2101101", "30110", "84849")),
      appropriation(basicLine("b", "U1", "2101102", "30110", "62449")),
    ])
    const rows = cells(d, "2")
    expect(rows.find((r) => r[0] === "2101101")?.[2]).toBe("8.48")
    expect(rows.find((r) => r[0] === "2101102")?.[2]).toBe("6.24")
    expect(rows.find((r) => r[0] === "21011")?.[2]).toBe("14.73") // not 8.48 + 6.24 = 14.72
  })

  it("table 6 names the dominant government class of each 款 and splits 人员/公用", () => {
    const d = build([
      ...department([
        ["U1", "administrative"],
        ["U2", "public-institution"],
      ]),
      appropriation(basicLine("a", "U1", "2010301", "30101", "30000")),
      appropriation(basicLine("b", "U2", "2010350", "30101", "20000")),
      appropriation(basicLine("c", "U2", "2010350", "30107", "10000")),
      appropriation(basicLine("d", "U1", "2010301", "30201", "5000", "public")),
    ])
    expect(cells(d, "6")).toEqual([
      ["合计", "", "6.50", "6.00", "0.50"],
      ["工资福利支出", "", "6.00", "6.00", ""],
      ["基本工资", "工资奖金津补贴", "5.00", "5.00", ""],
      ["绩效工资", "工资福利支出", "1.00", "1.00", ""],
      ["商品和服务支出", "", "0.50", "", "0.50"],
      ["办公费", "办公经费", "0.50", "", "0.50"],
    ])
    // 机关运行经费 counts only 行政 and 参公 units
    expect(cells(d, "11")).toEqual([
      ["部门合计", "0.50", "0.50", "", ""],
      ["单位U1", "0.50", "0.50", "", ""],
    ])
  })

  it("keeps empty tables with their header, an empty 合计 row and 本表无数据", () => {
    const d = build(department([["U1", "administrative"]]))
    for (const id of ["7", "8", "9", "12", "13"]) expect(t(d, id).notes).toEqual(["注：本表无数据"])
    expect(cells(d, "8")).toEqual([["合计", "", "", "", ""]])
    expect(t(d, "1").rows).toHaveLength(33)
    expect(t(d, "1").notes).toEqual(["注：本套报表因取数时四舍五入，部分金额可能存在尾差", "注：本表无数据"])
  })

  it("rejects a code the year's taxonomy does not know, naming the line and field", () => {
    const r = buildDisclosure(
      logged([
        ...department([["U1", "administrative"]]),
        appropriation(basicLine("x", "U1", "2999999", "30101", "1")),
      ]),
      AsOf.current,
    )
    expect(Result.isFailure(r) && r.failure._tag === "UnresolvedCodes" && r.failure.codes).toEqual([
      { lineId: "x", field: "functionCode", code: "2999999" },
    ])
  })
})
