import { describe, expect, it } from "vitest"
import { renderHtml } from "./html.ts"
import { chartSvg } from "./svg-charts.ts"
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
