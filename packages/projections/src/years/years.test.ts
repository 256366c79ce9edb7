import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../as-of.ts"
import { buildDisclosure, foldLogged } from "../disclosure.ts"
import type { Disclosure } from "../disclosure-schema.ts"
import type { LoggedEvent } from "../logged-event.ts"
import { referenceYears, shiftPositions } from "../testing/years.ts"
import { buildYearDisclosure } from "./ledger-years.ts"
import { priorYearFigures } from "./prior-year.ts"

const years = referenceYears()
const y2025 = years.get(2025) ?? []
const y2026 = years.get(2026) ?? []
const ok = (r: Result.Result<Disclosure, unknown>): Disclosure => Result.getOrThrow(r)

describe("the reference department's 2025 fixture", () => {
  const published2025 = ok(buildDisclosure(y2025, AsOf.published))

  it("builds a 2025 disclosure as published, before its year-end close", () => {
    expect(published2025.fiscalYear).toBe(2025)
    expect(published2025.priorYearSource).toBeUndefined()
    const table1 = published2025.tables[0]
    expect(table1?.rows.some((r) => r.cells.includes("755.37"))).toBe(true)
  })

  it("as published shows exactly the figures 2026's PriorYearBudgetRecorded states", () => {
    const recorded = y2026.find((e) => e.event.type === "PriorYearBudgetRecorded")?.event
    const published = foldLogged(
      y2025.slice(
        0,
        y2025.findIndex((e) => e.event.type === "DisclosurePublished"),
      ),
    )
    expect(recorded?.type === "PriorYearBudgetRecorded" && recorded.data).toEqual(
      priorYearFigures(published, 2025),
    )
  })
})

describe("year N+1 compares with year N's publication in the ledger", () => {
  const alone = ok(buildDisclosure(y2026, AsOf.published))
  const linked = ok(buildYearDisclosure(years, 2026, AsOf.published))
  const published2025 = ok(buildDisclosure(y2025, AsOf.published))

  it("the 2026 narrative and tables are unchanged when 2025 comes from the ledger's publication", () => {
    expect(linked.narrative).toEqual(alone.narrative)
    expect(linked.tables).toEqual(alone.tables)
  })

  it("the document says where the prior-year figures came from", () => {
    expect(alone.priorYearSource).toEqual({ kind: "recorded", year: 2025 })
    expect(linked.priorYearSource).toEqual({
      kind: "publication",
      year: 2025,
      documentHash: published2025.documentHash,
    })
    expect(linked.documentHash).not.toBe(alone.documentHash)
  })

  it("the narrative follows the publication, not the recorded event, when they differ", () => {
    // 2025 as published with one more 10,000 元 basic line: 收入总计 755.37 → 756.37.
    const extra = y2025.find((e) => e.event.type === "AppropriationRecorded") as LoggedEvent
    const line = extra.event.type === "AppropriationRecorded" ? extra.event.data.line : undefined
    if (line === undefined) throw new Error("no line")
    const more: LoggedEvent = {
      ...extra,
      event: {
        type: "AppropriationRecorded",
        data: { line: { ...line, lineId: "extra", amount: "10000.00" } },
      },
    }
    const at = y2025.findIndex((e) => e.event.type === "DisclosurePublished")
    const changed2025 = [...y2025.slice(0, at), more, ...y2025.slice(at)].map((e, i) => ({
      ...e,
      meta: { ...e.meta, version: i + 1, position: i + 1 },
    }))
    const other = new Map([
      [2025, changed2025],
      [2026, shiftPositions(y2026, 1)],
    ])
    const doc = ok(buildYearDisclosure(other, 2026, AsOf.published))
    expect(doc.narrative[0]?.text).toContain("比上年减少190.86万元")
    expect(alone.narrative[0]?.text).toContain("比上年减少189.86万元")
  })

  it("a 2025 publication recorded after 2026's as-published point does not change 2026 as published", () => {
    const unpublished2025 = y2025.filter((e) => e.event.type !== "DisclosurePublished")
    const last = y2026[y2026.length - 1]?.meta.position ?? 0
    const late = y2025.find((e) => e.event.type === "DisclosurePublished") as LoggedEvent
    const later = new Map([
      [2025, [...unpublished2025, { ...late, meta: { ...late.meta, position: last + 1 } }]],
      [2026, y2026],
    ])
    const doc = ok(buildYearDisclosure(later, 2026, AsOf.published))
    expect(doc.priorYearSource).toEqual({ kind: "recorded", year: 2025 })
    expect(doc.documentHash).toBe(alone.documentHash)
  })
})
