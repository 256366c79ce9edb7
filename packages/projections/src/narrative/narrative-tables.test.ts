/**
 * Rule R14: every amount the narrative states equals the figure of the table it restates, for the
 * document as published and as it stands after later adjustments (so the agreement is not an
 * accident of one fixture state).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../as-of.ts"
import { buildDisclosure } from "../disclosure.ts"
import type { Disclosure } from "../disclosure-schema.ts"
import { fixturePath, readNdjson } from "../testing/fixture.ts"
import { toLogged } from "../testing/logged.ts"

const events = toLogged(readNdjson(fixturePath))
const build = (asOf: AsOf): Disclosure => {
  const r = buildDisclosure(events, asOf)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

const cell = (d: Disclosure, table: string, first: string, index: number): string => {
  const row = d.tables.find((t) => t.id === table)?.rows.find((r) => r.cells[0] === first)
  const v = row?.cells[index]
  if (v === undefined) throw new Error(`table ${table} has no row ${first}`)
  return v === "" ? "0.00" : v
}
const text = (d: Disclosure, id: string): string => d.narrative.find((s) => s.id === id)?.text ?? ""

describe.each([
  ["as published", AsOf.published],
  ["current state, after adjustments", AsOf.current],
])("narrative restates the tables (%s)", (_, asOf) => {
  const d = build(asOf)

  it("一/二/三 use table 1 and table 3 totals", () => {
    expect(text(d, "一")).toContain(`预算收入总计${cell(d, "1", "收入总计", 1)}万元`)
    expect(text(d, "一")).toContain(
      `本年收入${cell(d, "1", "本年收入合计", 1)}万元，上年结转${cell(d, "1", "上年结转", 1)}万元`,
    )
    expect(text(d, "三")).toContain(
      `支出预算${cell(d, "3", "合计", 2)}万元，其中：基本支出${cell(d, "3", "合计", 3)}万元`,
    )
    expect(text(d, "三")).toContain(`项目支出${cell(d, "3", "合计", 4)}万元`)
  })

  it("五/六 use table 5 and table 6", () => {
    expect(text(d, "五")).toContain(`一般公共预算当年支出${cell(d, "5", "合计", 2)}万元`)
    expect(text(d, "五")).toContain(`一般公共服务支出${cell(d, "5", "201", 2)}万元`)
    expect(text(d, "六")).toContain(`基本支出${cell(d, "6", "合计", 2)}万元`)
    expect(text(d, "六")).toContain(`人员经费${cell(d, "6", "合计", 3)}万元`)
    expect(text(d, "六")).toContain(`公用经费${cell(d, "6", "合计", 4)}万元`)
  })

  it("七 uses table 10 and 八 uses table 11", () => {
    expect(text(d, "七")).toContain(`“三公”经费预算${cell(d, "10", "合计", 1)}万元`)
    expect(text(d, "八")).toContain(`机关运行经费财政拨款预算${cell(d, "11", "部门合计", 1)}万元`)
  })

  it("十 uses table 12's department total", () => {
    const t12 = d.tables.find((t) => t.id === "12")?.rows.find((r) => r.kind === "department")?.cells[1]
    expect(text(d, "十")).toContain(`共计金额${t12 ?? "?"}万元`)
  })
})

describe("the document around the tables", () => {
  const d = build(AsOf.published)
  it("fills narrative, performance targets, overview and glossary", () => {
    expect(d.narrative).toHaveLength(12)
    expect(d.performanceTargets).toHaveLength(9)
    expect(d.overview.units).toHaveLength(3)
    expect(d.glossary).toHaveLength(12)
  })
  it("changes with later events: an adjustment moves the totals of section 一", () => {
    expect(text(build(AsOf.current), "一")).not.toEqual(text(d, "一"))
  })
})
