/**
 * Every changed cell of a diff is named by its own row and column: an expenditure cell of 表1/表4
 * (printed on the income row's line) by its expenditure item, and 表12/表13 cells by their column
 * names, never by the column-number row ("2", "3"). Trace names a cell the same way.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../as-of.ts"
import { replayLog } from "../disclosure.ts"
import { fixturePath, readNdjson, toLogged } from "../testing/index.ts"
import { columnOf, rowLabelOf } from "./column.ts"
import { diffDisclosures } from "./diff.ts"
import { traceCell } from "./provenance.ts"

const log = toLogged(readNdjson(fixturePath))
const replay = (asOf: AsOf) => Result.getOrThrow(replayLog(log, asOf))

describe("diff cell labels", () => {
  const from = replay(AsOf.published)
  const to = replay(AsOf.current)
  const diff = diffDisclosures(from, to)

  it("an expenditure cell of 表1/表4 carries its expenditure row label, not the income row's", () => {
    const sides = diff.cells.filter((c) => (c.table === "1" || c.table === "4") && c.col >= 2)
    expect(sides.length).toBeGreaterThan(0)
    for (const c of sides) {
      const row = to.disclosure.tables.find((t) => t.id === c.table)?.rows[c.toRow ?? -1]
      expect(row).toBeDefined()
      if (row?.cells[2]) expect(c.rowLabel).toBe(row.cells[2])
      if (row?.cells[0] && row.cells[0] !== row.cells[2]) expect(c.rowLabel).not.toBe(row.cells[0])
    }
  })

  it("no cell's column is a column number; 表12/表13 columns are named", () => {
    expect(diff.cells.length).toBeGreaterThan(0)
    for (const c of diff.cells) expect(c.column, `${c.table}/${c.rowLabel}/${c.col}`).not.toMatch(/^\d*$/)
    const projects = diff.cells.filter((c) => c.table === "12" || c.table === "13")
    expect(projects.length).toBeGreaterThan(0)
    for (const c of projects)
      expect([
        "合计",
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "财政专户管理资金",
        "单位资金",
      ]).toContain(c.column)
  })

  it("trace names an expenditure cell of 表1 by its own row", () => {
    const t1 = to.disclosure.tables.find((t) => t.id === "1")
    const row = t1?.rows.findIndex((r) => r.cells[2] !== "" && r.cells[0] !== r.cells[2]) ?? -1
    const p = Result.getOrThrow(traceCell(to, "1", row, 3))
    expect(p.rowLabel).toBe(t1?.rows[row]?.cells[2])
    expect(p.column).toBe("2026年合计")
  })
})

describe("column and row naming", () => {
  const header = [
    ["项目名称", "合计", "2026年财政拨款", ""],
    ["", "", "一般公共预算", "政府性基金预算"],
    ["1", "2", "3", "4"],
  ]
  it("names a 科目名称 row with its code", () => {
    const h2 = [
      ["项目", "", "本年收入"],
      ["科目编码", "科目名称", "合计"],
    ]
    expect(rowLabelOf(h2, ["2010301", "行政运行", "1.00"], 2)).toBe("2010301 行政运行")
    expect(rowLabelOf(h2, ["合计", "", "1.00"], 2)).toBe("合计")
  })
  it("skips a column-number header row", () => {
    expect(columnOf(header, 1)).toBe("合计")
    expect(columnOf(header, 2)).toBe("一般公共预算")
  })
  it("labels by the nearest label column at or left of the cell, else the first cell", () => {
    const side = [
      ["收入", "", "支出", ""],
      ["项目", "2026年", "项目", "金额"],
    ]
    expect(rowLabelOf(side, ["一、一般公共预算", "1.00", "二、外交支出", "2.00"], 1)).toBe("一、一般公共预算")
    expect(rowLabelOf(side, ["一、一般公共预算", "1.00", "二、外交支出", "2.00"], 3)).toBe("二、外交支出")
    expect(rowLabelOf(side, ["", "", "三、国防支出", "2.00"], 1)).toBe("")
    expect(rowLabelOf(side, ["收入总计", "1.00", "", ""], 3)).toBe("收入总计")
  })
})
