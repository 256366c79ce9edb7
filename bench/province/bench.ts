/**
 * The province benchmark: a generated province (default 5,000 department-years, ≥ 1,000,000
 * events; `BENCH_QUICK=1` 50) imported through the streaming import into PostgreSQL against a
 * plain COPY of the same rows, then every disclosure rebuilt from the store by one process per
 * core (≤ 60 s, peak RSS ≤ 1 GiB); the same import and rebuild on embedded PGlite (a tenth of the province in the full
 * run) with the ratio to PostgreSQL. Each phase runs in its own process, so its peak RSS is its own.
 *
 * @module
 */
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import type { CompareRow } from "../compare.ts"
import type { Phase, PhaseResult } from "./phases.ts"

const here = path.dirname(fileURLToPath(import.meta.url))
const run = promisify(execFile)

const phase = async (name: Phase, args: Record<string, unknown>): Promise<PhaseResult> => {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", path.join(here, "phases.ts"), name, JSON.stringify(args)],
    { maxBuffer: 1 << 20, cwd: path.join(here, "..") },
  )
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as PhaseResult
}

/**
 * A phase split over `jobs` concurrent processes: events and disclosures add up, the time is the
 * slowest process's, the peak resident memory is the sum of the processes' peaks (an upper bound
 * of what the machine held at once).
 */
const sharded = async (jobs: number, one: (shard: number) => Promise<PhaseResult>): Promise<PhaseResult> => {
  const parts = await Promise.all(Array.from({ length: jobs }, (_, shard) => one(shard)))
  const sum = (f: (r: PhaseResult) => number) => parts.reduce((n, r) => n + f(r), 0)
  return {
    events: sum((r) => r.events),
    ms: Math.max(...parts.map((r) => r.ms)),
    peakRssMiB: sum((r) => r.peakRssMiB),
    extra: { disclosures: sum((r) => r.extra?.["disclosures"] ?? 0) },
  }
}

const perSecond = (r: PhaseResult) => (r.ms > 0 ? (r.events * 1000) / r.ms : 0)

/** Options of {@link benchProvince}. */
export interface ProvinceOptions {
  readonly quick: boolean
  /** Scratch database URLs for our store and for the plain COPY. */
  readonly pgUrl: string
  readonly plainUrl: string
  readonly log: (line: string) => void
}

/** Runs the province phases and returns the table rows. */
export const benchProvince = async (o: ProvinceOptions): Promise<ReadonlyArray<CompareRow>> => {
  const departments = Number(process.env["BENCH_PROVINCE"] ?? (o.quick ? 50 : 5_000))
  /** Rebuild processes: one per core (`BENCH_REBUILD_JOBS` overrides). */
  const jobs = Math.max(1, Number(process.env["BENCH_REBUILD_JOBS"] ?? availableParallelism()))
  const liteDepartments = Math.max(5, Math.round(departments / (o.quick ? 5 : 10)))
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-province-"))
  const file = path.join(dir, "province.ndjson")
  const liteFile = path.join(dir, "province-lite.ndjson")
  try {
    o.log(`province: generating ${departments} department-years`)
    const gen = await phase("generate", { file, departments, seed: 2026 })
    const mb = statSync(file).size / 1e6
    o.log(`province: ${gen.events} events, ${mb.toFixed(0)} MB; importing into PostgreSQL`)
    const imp = await phase("import", { file, pg: o.pgUrl })
    o.log("province: plain COPY of the same rows")
    const copy = await phase("copy", { file, pg: o.plainUrl })
    o.log(`province: rebuilding every disclosure from PostgreSQL (${jobs} processes)`)
    const rebuild = await sharded(jobs, (shard) => phase("rebuild", { pg: o.pgUrl, shard, shards: jobs }))
    o.log(`province: PGlite, ${liteDepartments} department-years`)
    const liteGen = await phase("generate", { file: liteFile, departments: liteDepartments, seed: 2026 })
    const liteImp = await phase("import", { file: liteFile, pglite: path.join(dir, "lite") })
    const liteRebuild = await phase("rebuild", { pglite: path.join(dir, "lite") })
    const size = `${departments} department-years, ${gen.events.toLocaleString("en-US")} events, ${mb.toFixed(0)} MB`
    const liteSize = `${liteDepartments} department-years, ${liteGen.events.toLocaleString("en-US")} events`
    return [
      { workload: "province: generate (NDJSON)", unit: "events/s", ours: perSecond(gen), note: size },
      {
        workload: "province: import, PostgreSQL (streaming, one transaction)",
        unit: "events/s",
        ours: perSecond(imp),
        baseline: perSecond(copy),
        target: { minPlainRatio: 0.5, min: 100_000, text: "≥ 50% of plain COPY; ≥ 100,000" },
        note: `${size}; plain = COPY of the same rows into a table of the events shape (LIKE events: same columns, keys, partitioning), no checks; peak RSS ${imp.peakRssMiB.toFixed(0)} MiB`,
      },
      {
        workload: "province: import, PostgreSQL, peak RSS",
        unit: "MiB",
        ours: imp.peakRssMiB,
        target: { max: 512, text: "≤ 512 MiB" },
      },
      {
        workload: "province: rebuild every disclosure, PostgreSQL",
        unit: "s",
        ours: rebuild.ms / 1000,
        target: { max: 60, text: "≤ 60 s" },
        note: `${rebuild.extra?.["disclosures"] ?? 0} disclosures in ${jobs} processes, ${Math.round(perSecond(rebuild)).toLocaleString("en-US")} events/s replayed`,
      },
      {
        workload: "province: rebuild every disclosure, PostgreSQL, peak RSS",
        unit: "MiB",
        ours: rebuild.peakRssMiB,
        note: `sum of the ${jobs} processes' peaks`,
        target: { max: 1024, text: "≤ 1 GiB" },
      },
      {
        workload: "province: import, PGlite (folder)",
        unit: "events/s",
        ours: perSecond(liteImp),
        note: `${liteSize}; ${(perSecond(liteImp) / Math.max(perSecond(imp), 1)).toFixed(2)}× PostgreSQL; peak RSS ${liteImp.peakRssMiB.toFixed(0)} MiB`,
      },
      {
        workload: "province: rebuild every disclosure, PGlite",
        unit: "events/s",
        ours: perSecond(liteRebuild),
        note: `${liteSize}; ${(perSecond(liteRebuild) / Math.max(perSecond(rebuild), 1)).toFixed(2)}× PostgreSQL; ${(liteRebuild.ms / 1000).toFixed(1)} s; peak RSS ${liteRebuild.peakRssMiB.toFixed(0)} MiB`,
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Run alone: `npx tsx bench/province/bench.ts` (BENCH_QUICK, BENCH_PROVINCE, BENCH_PG_URL as for `pnpm bench`). */
if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  const { adminUrl, createScratch } = await import("../scratch.ts")
  const { formatTable } = await import("../compare.ts")
  const ours = await createScratch(adminUrl(), "province")
  const plain = await createScratch(adminUrl(), "province_plain")
  try {
    const rows = await benchProvince({
      quick: process.env["BENCH_QUICK"] === "1",
      pgUrl: ours.url,
      plainUrl: plain.url,
      log: (line) => void process.stderr.write(`${line}\n`),
    })
    console.log(formatTable(rows))
  } finally {
    await ours.drop()
    await plain.drop()
  }
}
