/**
 * The province benchmark in its quick form on the real server, so it cannot rot: a small province is
 * generated, imported through the streaming import into PostgreSQL, COPYed plain, rebuilt by two
 * processes (each its share of the department-years) and imported and rebuilt on PGlite; every row
 * the table prints is there with a figure. Speed is never asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { benchProvince } from "./province/bench.ts"
import { createScratch } from "./scratch.ts"
import type { Scratch } from "./scratch.ts"

const admin = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

describe("the province benchmark (quick form) on PostgreSQL", () => {
  let ours: Scratch
  let plain: Scratch
  const saved = { ...process.env }
  beforeAll(async () => {
    ours = await createScratch(admin, "test_province")
    plain = await createScratch(admin, "test_province_plain")
    process.env["BENCH_PROVINCE"] = "6"
    process.env["BENCH_REBUILD_JOBS"] = "2"
  })
  afterAll(async () => {
    process.env = saved
    await ours.drop()
    await plain.drop()
  })

  it("prints every row with a figure; the rebuild's shards together rebuild every department-year", async () => {
    const rows = await benchProvince({
      quick: true,
      pgUrl: ours.url,
      plainUrl: plain.url,
      log: () => undefined,
    })
    const byName = new Map(rows.map((r) => [r.workload, r]))
    const generated = Number(
      /([\d,]+) events/.exec(byName.get("province: generate (NDJSON)")?.note ?? "")?.[1]?.replaceAll(",", ""),
    )
    expect(generated).toBeGreaterThan(6 * 50)
    const importRow = byName.get("province: import, PostgreSQL (streaming, one transaction)")
    expect(importRow?.ours).toBeGreaterThan(0)
    expect(importRow?.baseline).toBeGreaterThan(0)
    const rebuild = byName.get("province: rebuild every disclosure, PostgreSQL")
    expect(rebuild?.ours).toBeGreaterThan(0)
    expect(rebuild?.note).toMatch(/^6 disclosures in 2 processes/)
    for (const name of [
      "province: import, PostgreSQL, peak RSS",
      "province: rebuild every disclosure, PostgreSQL, peak RSS",
      "province: import, PGlite (folder)",
      "province: rebuild every disclosure, PGlite",
    ]) {
      expect(byName.get(name)?.ours, name).toBeGreaterThan(0)
    }
  }, 600_000)
})
