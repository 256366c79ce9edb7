/**
 * The generator is deterministic (same seed, same events; a department-year does not depend on how
 * many departments the province has), spreads departments over both regional templates (about a
 * third Shanghai, or only the templates asked for), every event decodes as a wire event and passes
 * the domain's rule checks in order, and sizes stay within the ranges the issue asks for (1–30
 * units, 5–300 projects each with a 绩效目标表). That each template's disclosure builds and passes
 * its audit rules is `bench/province.test.ts`'s (this package may import only the domain).
 */
import { BudgetState, Decide, Envelope, Taxonomy } from "@ledger/domain"
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  generateDepartmentYear,
  generateProvince,
  InvalidProvince,
  provinceYears,
  type Template,
  templateOf,
  TEMPLATES,
} from "./index.ts"

const count = (events: ReadonlyArray<{ type: string }>, type: string) =>
  events.filter((e) => e.type === type).length

describe("generateProvince", () => {
  it("gives the same events for the same seed, and other events for another seed", () => {
    const a = [...generateProvince({ departments: 3, years: 1, seed: 11 })]
    const b = [...generateProvince({ departments: 3, years: 1, seed: 11 })]
    const c = [...generateProvince({ departments: 3, years: 1, seed: 12 })]
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a))
  })

  it("a department-year is the same whatever the size of the province", () => {
    const small = [...generateProvince({ departments: 6, years: 2, seed: 3 })]
    const large = [...generateProvince({ departments: 20, years: 2, seed: 3 })]
    expect(new Set(small.map((d) => d.template))).toEqual(new Set(TEMPLATES))
    expect(JSON.stringify(large.slice(0, 12))).toBe(JSON.stringify(small))
    expect(new Set(large.map((d) => d.department)).size).toBe(20)
  })

  it("about a third of the departments publish with the Shanghai template, each in every year", () => {
    const n = 3_000
    const shanghai = Array.from({ length: n }, (_, i) => templateOf(2026, i, TEMPLATES)).filter(
      (t) => t === "shanghai-district-9",
    ).length
    expect(shanghai / n).toBeGreaterThan(0.3)
    expect(shanghai / n).toBeLessThan(0.37)
    const byDepartment = new Map<string, Set<Template>>()
    for (const dy of generateProvince({ departments: 12, years: 2, seed: 5 }))
      byDepartment.set(dy.department, (byDepartment.get(dy.department) ?? new Set()).add(dy.template))
    for (const templates of byDepartment.values()) expect(templates.size).toBe(1)
  })

  it("restricted to some templates, uses only those; a department keeps its events on its template", () => {
    const mixed = [...generateProvince({ departments: 12, years: 1, seed: 8 })]
    for (const only of TEMPLATES) {
      const restricted = [...generateProvince({ departments: 12, years: 1, seed: 8, templates: [only] })]
      expect(restricted.every((d) => d.template === only)).toBe(true)
      for (const [i, dy] of restricted.entries())
        if (mixed[i]?.template === only) expect(JSON.stringify(dy)).toBe(JSON.stringify(mixed[i]))
    }
  })

  it("every event of any department-year, on either template, decodes and passes the domain's rules", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 5_000 }),
        fc.constantFrom(...Taxonomy.years()),
        fc.constantFrom(...TEMPLATES),
        (seed, index, year, template) => {
          const events = generateDepartmentYear({ seed, index, year, template })
          const keys = new Set<string>()
          const decoded = events.map((e) => {
            const d = Envelope.decodeEvent(e)
            if (Result.isFailure(d)) throw new Error(`${e.type}: ${d.failure.message}`)
            expect(e.stream).toEqual(events[0]?.stream)
            keys.add(e.idempotencyKey)
            return d.success.event
          })
          expect(keys.size).toBe(events.length)
          const first = events[0]
          const taxonomy = Result.getOrThrow(Taxonomy.forYear(year))
          const checked = Decide.decideBatch(decoded, BudgetState.initialState, {
            taxonomy,
            streamYear: year,
            department: first?.stream.department ?? "",
          })
          if (Result.isFailure(checked))
            throw new Error(`event ${checked.failure.index}: ${checked.failure.error._tag}`)
          const profile = decoded.find((e) => e.type === "DepartmentProfileRecorded")
          expect(profile?.type === "DepartmentProfileRecorded" && profile.data.template).toBe(template)
          const units = count(events, "UnitRegistered")
          const projects = count(events, "ProjectRegistered")
          expect(units).toBeGreaterThanOrEqual(1)
          expect(units).toBeLessThanOrEqual(30)
          expect(projects).toBeGreaterThanOrEqual(5)
          expect(projects).toBeLessThanOrEqual(300)
          expect(count(events, "PerformanceTargetsRecorded")).toBe(projects)
          expect(count(events, "DisclosurePublished")).toBe(1)
        },
      ),
      { numRuns: 30 },
    )
  })

  it("refuses sizes it cannot generate, naming the field", () => {
    const field = (spec: {
      departments: number
      years: number
      seed: number
      templates?: ReadonlyArray<Template>
    }) => {
      try {
        provinceYears(spec)
        return undefined
      } catch (e) {
        return e instanceof InvalidProvince ? e.field : "other"
      }
    }
    expect(field({ departments: 0, years: 1, seed: 1 })).toBe("departments")
    expect(field({ departments: 1, years: 99, seed: 1 })).toBe("years")
    expect(field({ departments: 1, years: 1, seed: -1 })).toBe("seed")
    expect(field({ departments: 1, years: 1, seed: 1, templates: [] })).toBe("templates")
    expect(field({ departments: 1, years: 1, seed: 1 })).toBeUndefined()
  })
})
