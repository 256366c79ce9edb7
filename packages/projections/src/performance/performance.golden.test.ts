/**
 * Golden test of the 绩效目标表: the fixture's events as published must give the 9 tables the
 * reference document prints, each with every figure it prints (funds, indicator values, dates).
 */
import { BudgetState, Envelope } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { fixtureText, referenceText } from "../testing/fixture.ts"
import { buildPerformanceTargets } from "./build-performance-targets.ts"
import type { PerformanceTargetTable } from "./schema.ts"

const REFERENCE = referenceText()
const FIXTURE = fixtureText()
const events = FIXTURE.trim()
  .split("\n")
  .map((line) => Result.getOrThrow(Envelope.decodeEvent(JSON.parse(line))))
const state = BudgetState.fold(
  events.slice(
    0,
    events.findIndex((e) => e.event.type === "DisclosurePublished"),
  ),
)
const tables = buildPerformanceTargets({ state, year: 2026 })

const TITLE = "屯留区县(区)级预算部门(单位)项目支出绩效目标表"
/** The published tables, keyed by 项目名称. */
const publishedTables = (() => {
  const start = REFERENCE.indexOf("(项目绩效目标表公开情况见附件)")
  const end = REFERENCE.indexOf("十一、国有资产占有使用情况\n")
  const blocks = REFERENCE.slice(start, end).split(TITLE).slice(1)
  return new Map(blocks.map((b) => [/项目名称\t+([^\t\n]+)/.exec(b)?.[1] ?? "?", b] as const))
})()

const figures = (text: string): ReadonlyArray<string> =>
  [...text.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)].map((m) => m[0].replaceAll(",", "")).sort()
const flatten = (t: PerformanceTargetTable): string =>
  [
    // every printed string field; the project id is a key, not printed
    ...Object.entries(t).flatMap(([k, v]) => (typeof v === "string" && k !== "projectId" ? [v] : [])),
    ...Object.values(t.implementationFunds),
    ...Object.values(t.annualFunds),
    ...t.indicators.flatMap((i) => Object.values(i)),
  ].join("\t")

describe("performance tables golden test against the reference document", () => {
  it("prints one table per project with recorded targets, in table 12's order", () => {
    expect(publishedTables.size).toBe(9)
    expect(tables.map((t) => t.projectName).sort()).toEqual([...publishedTables.keys()].sort())
    expect(tables.map((t) => t.projectId)).toEqual([...tables.map((t) => t.projectId)].sort())
  })

  it.each([...publishedTables.keys()])("%s: every printed figure, and nothing else", (name) => {
    const ours = tables.find((t) => t.projectName === name)
    expect(ours).toBeDefined()
    if (ours === undefined) return
    const mine = figures(flatten(ours))
    expect([...new Set(mine)]).toEqual([...new Set(figures(publishedTables.get(name) ?? ""))])
  })

  it.each([...publishedTables.keys()])("%s: funds, 填报日期 and form attributes as published", (name) => {
    const t = tables.find((x) => x.projectName === name)
    const block = publishedTables.get(name) ?? ""
    expect(t).toBeDefined()
    if (t === undefined) return
    const compact = block.replace(/\s+/g, "")
    expect(compact).toContain(`实施期资金总额:${t.implementationFunds.total}`)
    expect(compact).toContain(`年度资金总额:${t.annualFunds.total}`)
    expect(block).toContain(`填报日期:\t${t.filledAt}`)
    expect(compact).toContain(`实施单位${t.unitName}`)
    expect(compact).toContain(`主管部门及代码${t.department}`)
    expect(compact).toContain(`项目属性${t.life}`)
    expect(compact).toContain(`项目期${t.period}`)
    for (const i of t.indicators) {
      if (i.value !== "") expect(compact).toContain(i.value)
      if (i.level3 !== "") expect(compact).toContain(i.level3)
    }
  })

  it("leaves out the project whose targets were never recorded (§5.2 no. 2)", () => {
    const missing = [...state.projects.values()].filter((p) => !state.performanceTargets.has(p.projectId))
    expect(missing.map((p) => p.name)).toEqual(["办公费"])
    expect(tables.some((t) => t.projectId === missing[0]?.projectId)).toBe(false)
  })
})
