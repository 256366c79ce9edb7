/**
 * Golden test of `shanghai-district-9`: the chengguan fixture (events only, amounts in 元) builds the
 * published document — every row of the nine tables as printed (the PDF text with whitespace
 * removed; repeated page headers skipped), the empty-table notes, the header line, the duties and
 * 机构设置, every figure of 部门预算编制说明 and 其他相关情况说明 in order, every line of
 * 项目经费情况说明 and every cell of its 财政项目支出绩效目标申报表.
 */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../../as-of.ts"
import { buildDisclosure } from "../../disclosure.ts"
import { readNdjson, shanghaiFixturePath, shanghaiReferencePath } from "../../testing/fixture.ts"
import { toLogged } from "../../testing/logged.ts"

const squash = (s: string) => s.replace(/\s+/g, "")
const text = readFileSync(shanghaiReferencePath, "utf8")
const lines = text.split("\n").map(squash)
const pageText = (...pages: number[]) =>
  pages
    .map((p) => {
      const start = lines.indexOf(`=====page${p}=====`)
      const end = lines.indexOf(`=====page${p + 1}=====`)
      return lines.slice(start + 1, end < 0 ? undefined : end).join("")
    })
    .join("")
/** True when the characters of `needle` occur in `hay` in order (a PDF splits a cell across lines). */
const inOrder = (hay: string, needle: string) => {
  let at = 0
  for (const ch of squash(needle)) {
    at = hay.indexOf(ch, at) + 1
    if (at === 0) return false
  }
  return true
}
const figures = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0])

const built = buildDisclosure(toLogged(readNdjson(shanghaiFixturePath)), AsOf.published)
if (Result.isFailure(built)) throw new Error(built.failure.message)
const doc = built.success

describe("shanghai-district-9 reproduces the chengguan disclosure", () => {
  const titles = doc.tables.map((t) => squash(t.title))
  for (const [i, t] of doc.tables.entries()) {
    it(`table ${t.id} ${t.title}: every row as printed`, () => {
      const start = lines.indexOf(squash(t.title))
      expect(start, "title").toBeGreaterThan(0)
      const next = titles[i + 1]
      const end = next === undefined ? lines.indexOf("其他相关情况说明") : lines.indexOf(next)
      const block = lines.slice(start + 1, end).filter((l) => !l.startsWith("=====") && l !== "")
      expect(block[0]?.replace(":", "：")).toBe(`编制部门：${doc.department.name}单位：${t.unit}`)
      const ours = t.rows.map((r) => squash(r.cells.join(""))).filter((r) => r !== "")
      const first = block.indexOf(ours[0] ?? "")
      expect(first, "first row").toBeGreaterThan(0)
      const header = new Set(block.slice(1, first))
      const body = block.slice(first).filter((l) => !header.has(l) && !l.startsWith("注："))
      expect(body).toEqual(ours)
      expect(block.filter((l) => l.startsWith("注："))).toEqual(t.notes.map(squash))
    })
  }

  it("部门主要职能 and 机构设置 as printed", () => {
    const duties = pageText(3)
    doc.overview.duties.forEach((d, i) => expect(duties).toContain(squash(`${i + 1}.${d}`)))
    const org = pageText(4)
    for (const p of doc.overview.organization.split("\n")) expect(org).toContain(squash(p))
  })

  it("部门预算编制说明: every figure in order", () => {
    const section = doc.narrative.find((s) => s.id === "四")
    const published = pageText(6, 7).replace(squash(section?.title ?? "-"), "")
    expect(figures(squash(section?.text ?? ""))).toEqual(figures(published))
  })

  it("其他相关情况说明: every figure in order", () => {
    const ours = doc.narrative.find((s) => s.id === "六")?.text ?? ""
    const published = pageText(21).replace(/^其他相关情况说明/, "")
    expect(figures(squash(ours))).toEqual(figures(published))
  })

  it("the glossary is the template's, as printed", () => {
    const published = pageText(5)
    for (const g of doc.glossary) expect(published).toContain(squash(`${g.term}：${g.definition}`))
  })

  it("项目经费情况说明: every line as printed, 349.80万元 from the project's lines", () => {
    const section = doc.narrative.find((x) => x.id === "七")
    expect(section?.title).toBe("项目经费情况说明")
    const published = pageText(22)
    for (const line of (section?.text ?? "").split("\n")) expect(published).toContain(squash(line))
    expect(figures(squash(section?.text ?? ""))).toEqual(figures(published.replace(/^项目经费情况说明/, "")))
  })

  it("财政项目支出绩效目标申报表: every cell, funds by origin and one 指标值 per indicator", () => {
    expect(doc.performanceTargets).toHaveLength(1)
    const form = doc.performanceTargets[0]
    if (form === undefined) throw new Error("no form")
    const published = pageText(24)
    expect(published).toContain(squash(`${form.title}${form.yearLabel}`))
    for (const c of [form.projectName, form.life, form.category ?? "-", form.department, form.unitName])
      expect(inOrder(published, c), c).toBe(true)
    expect(published).toContain(
      `计划开始日期${form.plannedStart ?? "-"}计划完成日期${form.plannedEnd ?? "-"}`,
    )
    const money = (x: string) => [...x.matchAll(/\d{1,3}(?:,\d{3})*\.\d{2}(?!\()/g)].map((m) => m[0]).sort()
    expect(Object.values(form.fundsByOrigin ?? {}).sort()).toEqual(money(published))
    expect(form.fundsByOrigin).toMatchObject({ annualTotal: "3,498,000.00", currentYear: "3,498,000.00" })
    for (const goal of [form.implementationGoal, form.annualGoal]) expect(inOrder(published, goal)).toBe(true)
    expect(form.indicators).toHaveLength(8)
    for (const i of form.indicators) {
      expect(published).toContain(squash(`${i.level3}${i.value}`))
      expect(inOrder(published, i.level2), i.level2).toBe(true)
      expect(published).toContain(i.level1)
    }
  })
})
