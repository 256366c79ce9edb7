/**
 * A small province passes the rules it claims to: every generated department-year — on the Shanxi
 * and the Shanghai template — imports through the service (decode + domain rule checks), its current
 * and published disclosures build, and its template's rule set (R1–R16 for Shanxi, the Shanghai
 * district rules) finds no error in the published one. Sizes span small and large departments.
 */
import { makeMemoryEventStore } from "@ledger/eventstore"
import { generateProvince } from "@ledger/province"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { importAndAudit } from "./province/audit.ts"

describe("a generated province", () => {
  it("every department-year of both templates imports, builds (current and published) and passes its rules", async () => {
    let projects = 0
    let events = 0
    const templates = new Map<string, number>()
    for (const dy of generateProvince({ departments: 15, years: 2, seed: 2026 })) {
      events += dy.events.length
      templates.set(dy.template, (templates.get(dy.template) ?? 0) + 1)
      projects = Math.max(projects, dy.events.filter((e) => e.type === "ProjectRegistered").length)
      const result = await Effect.runPromise(importAndAudit(makeMemoryEventStore(), dy))
      expect(result.problems, `${result.streamId} (${dy.template})`).toEqual([])
    }
    expect(events).toBeGreaterThan(30 * 50)
    expect(projects).toBeGreaterThan(20)
    expect(templates.get("shanxi-county-13")).toBeGreaterThanOrEqual(6)
    expect(templates.get("shanghai-district-9")).toBeGreaterThanOrEqual(6)
  }, 120_000)
})

describe("the province benchmark's phases (quick form, so they cannot rot)", () => {
  it("generate → import (PGlite folder) → rebuild every disclosure counts the same events", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs")
    const { tmpdir } = await import("node:os")
    const path = await import("node:path")
    const { phases } = await import("./province/phases.ts")
    const dir = mkdtempSync(path.join(tmpdir(), "province-test-"))
    try {
      const file = path.join(dir, "p.ndjson")
      const generated = await phases.generate({ file, departments: 2, seed: 9 })
      const imported = await phases.import({ file, pglite: path.join(dir, "store") })
      expect(imported.events).toBe(generated.events)
      const rebuilt = await phases.rebuild({ pglite: path.join(dir, "store") })
      expect(rebuilt.events).toBe(generated.events)
      expect(rebuilt.extra?.["disclosures"]).toBe(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
