/**
 * The generator is deterministic (same seed, same events; a department-year does not depend on how
 * many departments the province has), every event decodes as a wire event, and sizes stay within
 * the ranges the issue asks for (1–30 units, 5–300 projects each with a 绩效目标表).
 */
import { Envelope } from "@ledger/domain"
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { generateDepartmentYear, generateProvince, InvalidProvince, provinceYears } from "./index.ts"

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
    const small = [...generateProvince({ departments: 2, years: 1, seed: 3 })]
    const large = [...generateProvince({ departments: 6, years: 1, seed: 3 })]
    expect(JSON.stringify(large.slice(0, 2))).toBe(JSON.stringify(small))
    expect(new Set(large.map((d) => d.department)).size).toBe(6)
  })

  it("every event of any department-year decodes, in its own stream, with unique keys", () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 5_000 }), (seed, index) => {
        const events = generateDepartmentYear({ seed, index, year: 2026, template: "shanxi-county-13" })
        const keys = new Set<string>()
        for (const e of events) {
          const decoded = Envelope.decodeEvent(e)
          if (Result.isFailure(decoded)) throw new Error(`${e.type}: ${decoded.failure.message}`)
          expect(e.stream).toEqual(events[0]?.stream)
          keys.add(e.idempotencyKey)
        }
        expect(keys.size).toBe(events.length)
        const units = count(events, "UnitRegistered")
        const projects = count(events, "ProjectRegistered")
        expect(units).toBeGreaterThanOrEqual(1)
        expect(units).toBeLessThanOrEqual(30)
        expect(projects).toBeGreaterThanOrEqual(5)
        expect(projects).toBeLessThanOrEqual(300)
        expect(count(events, "PerformanceTargetsRecorded")).toBe(projects)
        expect(count(events, "DisclosurePublished")).toBe(1)
      }),
      { numRuns: 25 },
    )
  })

  it("refuses sizes it cannot generate, naming the field", () => {
    const field = (spec: { departments: number; years: number; seed: number }) => {
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
    expect(field({ departments: 1, years: 1, seed: 1 })).toBeUndefined()
  })
})
