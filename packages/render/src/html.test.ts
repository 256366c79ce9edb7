import { describe, expect, it } from "vitest"
import { renderHtml } from "./html.ts"
import { chartSvg } from "./svg-charts.ts"
import { performanceRows } from "./performance-html.ts"
import { referenceDisclosure } from "./testing-fixtures/reference.ts"

const d = referenceDisclosure()
const html = renderHtml(d)

describe("renderHtml", () => {
  it("is a complete, printable A4 page with system Chinese fonts and no external resources", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true)
    expect(html).toContain("@page { size: A4;")
    expect(html).toContain('"Noto Sans CJK SC"')
    expect(html).toContain('"Noto Serif CJK SC"')
    expect(html).not.toMatch(/<script|<link |src="http/)
  })

  it("puts every table and every performance table on its own page", () => {
    expect(html.match(/<section class="table"/g)).toHaveLength(d.tables.length)
    expect(html.match(/<section class="performance"/g)).toHaveLength(d.performanceTargets.length)
    expect(html).toContain(
      "section.table, section.performance { break-before: page; page-break-before: always; }",
    )
  })

  it("prints every cell of every table", () => {
    for (const t of d.tables)
      for (const r of t.rows) for (const c of r.cells) expect(html).toContain(`>${c}</td>`)
  })

  it("draws the two charts of the published document as inline SVG", () => {
    expect(html.match(/<svg /g)).toHaveLength(2)
    expect(html).toContain("<figcaption>一般公共预算当年拨款结构图</figcaption>")
    expect(html).toContain("<figcaption>三公经费分布图</figcaption>")
  })

  it("escapes event text", () => {
    const evil = { ...d, department: { ...d.department, name: '<script>alert("x")</script>' } }
    expect(renderHtml(evil)).not.toContain("<script>")
  })
})

describe("chartSvg", () => {
  it("draws one slice per non-zero class and a full circle for a single one", () => {
    const pie = { id: "p", title: "结构", kind: "pie", unit: "万元", series: [] } as const
    const two = chartSvg({
      ...pie,
      series: [
        { label: "甲", value: "3.00" },
        { label: "乙", value: "1.00" },
      ],
    })
    expect(two.match(/<path /g)).toHaveLength(2)
    expect(two).toContain("甲 3.00万元（75.00%）")
    const one = chartSvg({
      ...pie,
      series: [
        { label: "甲", value: "3.00" },
        { label: "乙", value: "0.00" },
      ],
    })
    expect(one).toContain("<circle")
    expect(one).not.toContain("<path")
  })

  it("scales bars to the largest value", () => {
    const bars = chartSvg({
      id: "b",
      title: "三公",
      kind: "bar",
      unit: "万元",
      series: [
        { label: "甲", value: "0.00" },
        { label: "乙", value: "3.00" },
      ],
    })
    expect(bars).toContain('height="0.00"')
    expect(bars).toContain('height="180.00"')
  })
})

describe("readable on A4", () => {
  it("prints each table's title first, then the 部门名称 / 单位 line under it", () => {
    for (const section of html.match(/<section class="table"[\s\S]*?<\/section>/g) ?? []) {
      const title = section.indexOf("<caption>")
      const meta = section.indexOf('<div class="meta">')
      expect(title).toBeGreaterThanOrEqual(0)
      expect(meta).toBeGreaterThan(title)
    }
  })

  it("merges the 绩效目标表 cells as the form does: long texts span the row, labels span their block", () => {
    const t = d.performanceTargets[0]
    if (t === undefined) throw new Error("no performance table")
    const rows = performanceRows(t)
    // Every row covers the 8 columns, counting the label cells that span down from rows above.
    const covered = rows.map(() => 0)
    rows.forEach((r, i) =>
      r.forEach((c) => {
        for (let k = 0; k < c.rowspan; k++) covered[i + k] = (covered[i + k] ?? 0) + c.colspan
      }),
    )
    expect(covered.every((w) => w === 8)).toBe(true)
    expect(rows[0]?.[1]).toEqual({ text: t.projectName, colspan: 7, rowspan: 1 })
    expect(rows[3]?.[0]).toMatchObject({ text: "项目资金(元)", rowspan: 6 })
    expect(rows.find((r) => r[0]?.text === "立项依据")?.[1]).toMatchObject({ text: t.basis, colspan: 7 })
    expect(rows.find((r) => r[0]?.text === "绩效指标")?.[0]?.rowspan).toBe(1 + t.indicators.length)
    expect(html).toContain(`<td colspan="7">${t.projectName}</td>`)
  })

  it("chart legends are never clipped: the picture is as wide as the longest legend line, right of the bars", () => {
    const long = "灾害防治及应急管理支出（含自然灾害救灾及恢复重建）"
    for (const kind of ["pie", "bar"] as const) {
      const svg = chartSvg({
        id: "c",
        title: "t",
        kind,
        unit: "万元",
        series: ["甲", "乙", "丙", long].map((label) => ({ label, value: "12345.67" })),
      })
      const width = Number(/width="(\d+)"/.exec(svg)?.[1])
      const texts = [...svg.matchAll(/<text x="([\d.]+)"[^>]*>([^<]*)<\/text>/g)]
      const last = texts.find((m) => m[2]?.startsWith(long))
      expect(last).toBeDefined()
      const x = Number(last?.[1])
      expect(width).toBeGreaterThanOrEqual(x + [...(last?.[2] ?? "")].length * 7.2)
      if (kind === "bar") {
        const barEnds = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="70"/g)].map(
          (m) => Number(m[1]) + 70,
        )
        expect(x).toBeGreaterThan(Math.max(...barEnds))
      }
    }
  })
})
