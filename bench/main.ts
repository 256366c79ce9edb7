/**
 * `pnpm bench`: the event-store workloads of design README §5 on our store, on Emmett's
 * PostgreSQL store and as plain SQL, each on its own scratch database of the same server in the
 * same run, then our store on embedded PGlite, then the disclosure and API benchmarks when they
 * are present. Prints the machine and one Markdown table; progress goes to stderr.
 * `BENCH_QUICK=1` runs the ~30 s smoke sizes; `BENCH_PG_URL` picks the server.
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import os from "node:os"
import { Effect } from "effect"
import { makeKyselyEventStore, makePgEventStore, openPglite, withTransactions } from "@ledger/store-postgres"
import type { TransactionalEventStore } from "@ledger/store-postgres"
import {
  baselineBatchedInsert,
  baselineConcurrentInserts,
  baselineCopy,
  baselineReadAll,
  openBaseline,
} from "./baseline.ts"
import { formatTable, fromBenchRow } from "./compare.ts"
import type { CompareRow, Target } from "./compare.ts"
import {
  emmettBatchedAppend,
  emmettBulkImport,
  emmettConcurrentAppends,
  emmettReadStreams,
  openEmmett,
} from "./emmett.ts"
import { CURVE_LIMITS } from "./report.ts"
import type { BenchRow } from "./report.ts"
import {
  adminUrl,
  analyzeDatabase,
  createScratch,
  describeMachine,
  formatLoad,
  formatMachine,
} from "./scratch.ts"
import type { Scratch } from "./scratch.ts"
import {
  batchedAppend,
  bulkImport,
  bulkImportCopy,
  concurrentAppends,
  prepareOnly,
  readEverything,
  readStreams,
} from "./store.ts"
import { rate, SIZES } from "./workload.ts"
import type { Measure, Sizes } from "./workload.ts"

const quick = process.env["BENCH_QUICK"] === "1"
const sizes: Sizes = quick ? SIZES.quick : SIZES.full
const runId = randomBytes(3).toString("hex")
const started = performance.now()
/** The step running now (the last progress line), to say where a stray error came from. */
let step = "start"
const log = (line: string): void => {
  step = line
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`)
}

/**
 * A server error no awaited call receives — an idle pooled connection terminated, raised as an
 * "error" event of a pool without a listener (a library's pool) — becomes a note under the table,
 * not the end of the run: one backend must not cost every other row. Anything else still ends
 * the process as an uncaught exception does.
 */
const strays: Array<string> = []
const isServerError = (error: unknown): error is Error =>
  error instanceof Error &&
  (typeof (error as { severity?: unknown }).severity === "string" ||
    error.message.startsWith("Connection terminated"))
process.on("uncaughtException", (error) => {
  if (isServerError(error)) {
    strays.push(`${step}: ${error.message}`)
    log(`stray server error during "${strays.at(-1) ?? ""}" (not fatal)`)
    return
  }
  console.error(error)
  process.exit(1)
})

/** The four workloads' figures for one backend; a missing one failed or does not apply. */
interface Figures {
  batched?: Measure
  /** (b) on the import's path: COPY where the store has it. */
  bulk?: Measure
  /** (b′) the same import through plain multi-stream `append` calls. */
  bulkAppend?: Measure
  concurrent?: Measure
  readAll?: Measure
  readAllFresh?: Measure
  readAllLarge?: Measure
  readStreams?: Measure
  error?: string
}

const errorText = (error: unknown): string =>
  error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error)

/** Runs `body` on a fresh scratch database, dropping it afterwards whatever happened. */
const onScratch = async (
  admin: string,
  label: string,
  body: (s: Scratch) => Promise<Figures>,
): Promise<Figures> => {
  let scratch: Scratch | undefined
  try {
    scratch = await createScratch(admin, label)
    return await body(scratch)
  } catch (error) {
    log(`${label}: ${errorText(error)}`)
    return { error: errorText(error) }
  } finally {
    await scratch
      ?.drop()
      .catch((error: unknown) => log(`could not drop ${scratch?.name}: ${errorText(error)}`))
  }
}

/** An open store of ours and how to refresh its planner statistics (`ANALYZE`). */
interface OpenStore {
  readonly store: TransactionalEventStore
  readonly analyze: () => Promise<void>
}

/**
 * Our four workloads: (a), then (d) over exactly (a)'s events — once on the freshly written
 * table, once after `ANALYZE` (the steady state every backend is measured in) — then (b), (c).
 */
const ours = async (open: () => Promise<OpenStore>, label: string): Promise<Figures> => {
  const { store, analyze } = await open()
  const f: Figures = {}
  const events = sizes.streams * sizes.perStream
  try {
    log(`${label}: batched append`)
    const a = await batchedAppend(store, runId, sizes)
    f.batched = a.measure
    log(`${label}: read all, before and after ANALYZE`)
    f.readAllFresh = await readEverything(store, events, sizes.readPage)
    await analyze()
    f.readAll = await readEverything(store, events, sizes.readPage)
    f.readAllLarge = await readEverything(store, events, sizes.readPageLarge)
    f.readStreams = await readStreams(store, a.streamIds)
    log(`${label}: bulk import, the import's path (COPY where there is one)`)
    f.bulk = await bulkImportCopy(store, runId, sizes)
    log(`${label}: bulk import through append`)
    f.bulkAppend = await bulkImport(store, runId, sizes)
    log(`${label}: ${sizes.writers} concurrent writers`)
    f.concurrent = await concurrentAppends(store, runId, sizes)
  } catch (error) {
    f.error = errorText(error)
    log(`${label}: ${f.error}`)
  } finally {
    await Effect.runPromise(store.close())
  }
  return f
}

/** Our store on a PostgreSQL scratch database. */
const openPg = async (url: string): Promise<OpenStore> => ({
  store: await Effect.runPromise(makePgEventStore({ connectionString: url })),
  analyze: () => analyzeDatabase(url),
})

/** Our store on a fresh in-memory PGlite. */
const openLite = async (): Promise<OpenStore> => {
  const { db, pglite } = await Effect.runPromise(openPglite({}))
  return {
    store: withTransactions(db, makeKyselyEventStore(db, { destroy: () => db.destroy() })),
    analyze: async () => void (await pglite.exec("ANALYZE")),
  }
}

const emmett = (admin: string): Promise<Figures> =>
  onScratch(admin, "emmett", async (s) => {
    const store = await openEmmett(s.url)
    try {
      log("Emmett: batched append")
      const a = await emmettBatchedAppend(store, runId, sizes)
      log("Emmett: read")
      await analyzeDatabase(s.url)
      const read = await emmettReadStreams(store, a.streamNames)
      log("Emmett: bulk import")
      const bulk = await emmettBulkImport(store, runId, sizes)
      log(`Emmett: ${sizes.writers} concurrent writers`)
      const concurrent = await emmettConcurrentAppends(store, runId, sizes)
      return { batched: a.measure, readAll: read, readStreams: read, bulk, concurrent }
    } finally {
      await store.close()
    }
  })

const baseline = (admin: string): Promise<Figures> =>
  onScratch(admin, "plain", async (s) => {
    const pool = await openBaseline(s.url)
    try {
      log("plain SQL: multi-row INSERT")
      const batched = await baselineBatchedInsert(pool, runId, sizes)
      log("plain SQL: read")
      await analyzeDatabase(s.url)
      const readAll = await baselineReadAll(pool, sizes.readPage)
      log("plain SQL: COPY")
      const bulk = await baselineCopy(pool, runId, sizes)
      log(`plain SQL: ${sizes.writers} concurrent single-row INSERTs`)
      const concurrent = await baselineConcurrentInserts(pool, runId, sizes)
      return { batched, readAll, bulk, concurrent }
    } finally {
      await pool.end()
    }
  })

const r = (m: Measure | undefined): number | undefined => (m === undefined ? undefined : rate(m))

const notes = (...parts: ReadonlyArray<string | undefined>): string | undefined => {
  const kept = parts.filter((p): p is string => p !== undefined && p !== "")
  return kept.length === 0 ? undefined : kept.join("; ")
}

/** Issue 14's targets of the store workloads, each against its baseline in the same run. */
const TARGETS = {
  batched: {
    minPlainRatio: 0.7,
    minRatio: 3,
    text: "≥ 70% of plain multi-row INSERT; ≥ 3× Emmett",
  },
  bulk: { minPlainRatio: 0.5, min: 100_000, text: "≥ 50% of plain COPY; ≥ 100,000 (quiet machine)" },
  concurrent: { minRatio: 2, minPlainRatio: 0.6, text: "≥ 2× Emmett; ≥ 60% of plain single-row INSERT" },
  readAll: { min: 150_000, minRatio: 1.5, text: "≥ 150,000; ≥ 1.5× Emmett" },
} satisfies Record<string, Target>

/** The embedded store's goal in issue 14: the same workloads reported, with the ratio to PostgreSQL. */
const REPORTED: Target = { text: "reported, with PGlite/PostgreSQL" }

/** "PGlite/PostgreSQL 0.41×": the embedded figure against ours on PostgreSQL in the same run. */
const toPg = (lite: Measure | undefined, pg: Measure | undefined): string | undefined => {
  const a = r(lite)
  const b = r(pg)
  return a === undefined || b === undefined || b === 0
    ? undefined
    : `PGlite/PostgreSQL ${(a / b).toFixed(2)}×`
}

/**
 * The comparison rows of one backend. On PostgreSQL (`pg` absent) every row carries issue 14's
 * target; on PGlite (`pg` = ours on PostgreSQL) the goal is the report and its ratio to PostgreSQL.
 */
const storeRows = (
  backend: string,
  o: Figures,
  e: Figures | undefined,
  b: Figures | undefined,
  pg?: Figures,
): ReadonlyArray<CompareRow> => {
  const vsPg = (pick: (f: Figures) => Measure | undefined): string | undefined =>
    pg === undefined ? undefined : toPg(pick(o), pick(pg))
  /** PostgreSQL: issue 14's target; PGlite: "reported", met only when the ratio could be computed. */
  const t = (target: Target, pick: (f: Figures) => Measure | undefined): Target | undefined =>
    pg === undefined ? target : vsPg(pick) === undefined ? undefined : REPORTED
  const events = sizes.streams * sizes.perStream
  const failed = notes(
    o.error && `ours failed: ${o.error}`,
    e?.error && `Emmett failed: ${e.error}`,
    b?.error && `plain SQL failed: ${b.error}`,
  )
  return [
    {
      workload: `${backend}: (a) batched append, ${sizes.perStream.toLocaleString("en-US")}/batch × ${sizes.streams}`,
      unit: "events/s",
      ours: r(o.batched),
      emmett: r(e?.batched),
      baseline: r(b?.batched),
      target: t(TARGETS.batched, (f) => f.batched),
      note: notes(
        vsPg((f) => f.batched),
        b && "plain = multi-row INSERT",
        failed,
      ),
    },
    {
      workload: `${backend}: (b) bulk import, ${sizes.bulkTotal.toLocaleString("en-US")} events, the import's path`,
      unit: "events/s",
      ours: r(o.bulk),
      emmett: r(e?.bulk),
      baseline: r(b?.bulk),
      target: t(TARGETS.bulk, (f) => f.bulk),
      note: notes(
        vsPg((f) => f.bulk),
        o.bulk?.note && `ours: ${o.bulk.note}`,
        e?.bulk?.note && `Emmett: ${e.bulk.note}`,
        b?.bulk?.note && `plain: ${b.bulk.note}`,
        "the whole-file import is the province rows",
      ),
    },
    {
      workload: `${backend}: (b′) the same import through append (multi-stream calls)`,
      unit: "events/s",
      ours: r(o.bulkAppend),
      emmett: r(e?.bulk),
      baseline: r(b?.bulk),
      note: notes(
        vsPg((f) => f.bulkAppend),
        o.bulkAppend?.note,
      ),
    },
    {
      workload: `${backend}: (c) ${sizes.writers} concurrent single-event writers, ${sizes.writerMs / 1000} s`,
      unit: "events/s",
      ours: r(o.concurrent),
      emmett: r(e?.concurrent),
      baseline: r(b?.concurrent),
      target: t(TARGETS.concurrent, (f) => f.concurrent),
      note: notes(
        vsPg((f) => f.concurrent),
        b && "plain = single-row INSERT",
      ),
    },
    {
      workload: `${backend}: (d) read all, ${sizes.streams} streams × ${sizes.perStream.toLocaleString("en-US")}, decoded`,
      unit: "events/s",
      ours: r(o.readAll),
      emmett: r(e?.readAll),
      baseline: r(b?.readAll),
      target: t(TARGETS.readAll, (f) => f.readAll),
      note: notes(
        vsPg((f) => f.readAll),
        "after ANALYZE, every backend",
        o.readAll?.note && `ours: ${o.readAll.note}`,
        o.readAll && o.readAll.events !== events ? `ours read ${o.readAll.events} of ${events}` : undefined,
        e && "Emmett: readStream × streams (its global read is consumer-only)",
      ),
    },
    {
      workload: `${backend}: (d₀) the same read straight after writing, before ANALYZE`,
      unit: "events/s",
      ours: r(o.readAllFresh),
      note: notes(
        vsPg((f) => f.readAllFresh),
        "no planner statistics yet: see docs/performance.md",
      ),
    },
    {
      workload: `${backend}: (d″) the same read in pages of ${sizes.readPageLarge.toLocaleString("en-US")}`,
      unit: "events/s",
      ours: r(o.readAllLarge),
      note: notes(
        vsPg((f) => f.readAllLarge),
        "a page larger than V8's young generation: see docs/performance.md, Read all",
      ),
    },
    {
      workload: `${backend}: (d′) read the same streams one by one (readStream)`,
      unit: "events/s",
      ours: r(o.readStreams),
      emmett: r(e?.readStreams),
      note: notes(
        vsPg((f) => f.readStreams),
        o.readStreams?.note,
      ),
    },
  ]
}

/**
 * Issue 14's table, row by row: how to find each goal's row in the printed table. A goal whose
 * row is absent (a module skipped, a row renamed) is printed as such, so the table always
 * accounts for every goal.
 */
const GOALS: ReadonlyArray<{ readonly goal: string; readonly found: (row: CompareRow) => boolean }> = [
  {
    goal: "bulk import of the province (PostgreSQL)",
    found: (w) => w.workload.startsWith("province: import, PostgreSQL"),
  },
  ...["PostgreSQL", "PGlite"].flatMap((backend) => [
    {
      goal: `${backend}: batched append`,
      found: (w: CompareRow) => w.workload.startsWith(backend) && w.workload.includes("(a) batched"),
    },
    {
      goal: `${backend}: 8 concurrent writers`,
      found: (w: CompareRow) => w.workload.startsWith(backend) && w.workload.includes("(c) "),
    },
    {
      goal: `${backend}: read all, decoded`,
      found: (w: CompareRow) => w.workload.startsWith(backend) && w.workload.includes("(d) read all"),
    },
  ]),
  {
    goal: "rebuild every disclosure of the province",
    found: (w) => w.workload.startsWith("province: rebuild every disclosure"),
  },
  {
    goal: "API POST of a 100-event batch: p50",
    found: (w) => w.workload.startsWith("API POST append") && w.target !== undefined,
  },
  {
    goal: "API GET published / bare Hono",
    found: (w) => w.workload.startsWith("API GET published") && w.unit === "ratio",
  },
  {
    goal: "API GET current",
    found: (w) => w.workload.startsWith("API GET disclosure, current") && w.target !== undefined,
  },
  {
    goal: "pnpm start resident memory",
    found: (w) => w.workload.startsWith("pnpm start") && w.target !== undefined,
  },
  { goal: "cost as work grows: store size", found: (w) => w.workload.startsWith("store size:") },
  { goal: "cost as work grows: stream size", found: (w) => w.workload.startsWith("stream size:") },
]

/** A row for each goal of issue 14 the run produced no row for. */
const missingGoals = (rows: ReadonlyArray<CompareRow>): ReadonlyArray<CompareRow> =>
  GOALS.filter((g) => !rows.some(g.found)).map((g) => ({
    workload: `${g.goal}: not measured in this run`,
    unit: "",
    note: "its benchmark was skipped or failed: see the rows above and stderr",
  }))

/** A curve row's target: the growth it is expected to stay within (report.ts `curveRow`). */
const curveTarget = (row: BenchRow): Target | undefined =>
  row.expect === "flat"
    ? { max: CURVE_LIMITS.flat, text: `flat: k ≤ ${CURVE_LIMITS.flat}` }
    : row.expect === "linear"
      ? { max: CURVE_LIMITS.linear, text: `linear or better: k ≤ ${CURVE_LIMITS.linear}` }
      : undefined

/** A benchmark module of another engineer, imported only if it exists; its failure is a row, not a crash. */
const optional = async (
  label: string,
  load: () => Promise<ReadonlyArray<BenchRow>>,
  target: (row: BenchRow) => Target | undefined,
): Promise<ReadonlyArray<CompareRow>> => {
  try {
    log(label)
    return (await load()).map((row) => fromBenchRow(row, target(row)))
  } catch (error) {
    return [{ workload: label, unit: "", note: `skipped: ${errorText(error)}` }]
  }
}

/** The province benchmark (bench/province/bench.ts) on two scratch databases: ours and the plain COPY. */
const province = async (admin: string): Promise<ReadonlyArray<CompareRow>> => {
  log("province benchmark (bench/province/bench.ts)")
  const oursDb = await createScratch(admin, "province")
  const plainDb = await createScratch(admin, "province_plain")
  try {
    const { benchProvince } = await import("./province/bench.ts")
    return await benchProvince({ quick, pgUrl: oursDb.url, plainUrl: plainDb.url, log })
  } catch (error) {
    return [{ workload: "province benchmark", unit: "", note: `skipped: ${errorText(error)}` }]
  } finally {
    await oursDb.drop().catch(() => undefined)
    await plainDb.drop().catch(() => undefined)
  }
}

const main = async (): Promise<void> => {
  const admin = adminUrl()
  const machine = await describeMachine(admin)
  log(`run ${runId}, ${quick ? "quick" : "full"} sizes; load ${formatLoad(machine.loadAverage)}`)

  const prep = await prepareOnly(runId, sizes)
  const pgOurs = await onScratch(admin, "ours", (s) => ours(() => openPg(s.url), "ours/PostgreSQL"))
  const pgEmmett = await emmett(admin)
  const pgPlain = await baseline(admin)
  const lite = await ours(openLite, "ours/PGlite").catch((error: unknown): Figures => ({
    error: errorText(error),
  }))

  const disclosure = await optional(
    "disclosure benchmark (bench/disclosure.ts)",
    async () => (await import("./disclosure.ts")).benchDisclosure(),
    (row) => (row.name.endsWith("median") ? { below: 5, text: "median < 5 ms" } : undefined),
  )
  const streamSize = await optional(
    "stream-size benchmark (bench/stream-size.ts)",
    async () => (await import("./stream-size.ts")).benchStreamSize({ quick }),
    curveTarget,
  )
  const storeSize = await optional(
    "store-size and stream-size curves on PostgreSQL (bench/store-size.ts)",
    async () => (await import("./store-size.ts")).benchStoreSize({ quick, admin, log }),
    curveTarget,
  )
  const overload = await optional(
    "overload benchmark (bench/overload.ts)",
    async () => (await import("./overload.ts")).benchOverload({ quick }),
    (row) =>
      row.unit === "ms" && !row.name.includes("fallback") ? { below: 100, text: "p99 < 100 ms" } : undefined,
  )
  /** Issue 14's API goals; the memory goal is `pnpm start`'s, on the embedded store only. */
  const apiTarget =
    (embedded: boolean) =>
    (row: BenchRow): Target | undefined =>
      row.unit === "ratio"
        ? { min: 0.8, text: "≥ 0.8 of bare Hono" }
        : row.name.startsWith("API GET disclosure, current") && row.unit === "req/s"
          ? { min: 1_000, text: "≥ 1,000" }
          : row.name.startsWith("API POST append") && row.name.endsWith(": p50")
            ? { max: 50, text: "p50 ≤ 50 ms" }
            : embedded && row.name.startsWith("pnpm start")
              ? { max: 300, text: "≤ 300 MiB" }
              : undefined
  const apiOptions = { durationSec: quick ? 2 : 5, largeStream: quick ? 2_000 : 10_000 }
  const api = await optional(
    "API benchmark (bench/api.ts)",
    async () => (await import("./api.ts")).benchApi(apiOptions),
    apiTarget(true),
  )
  // The same server and scenarios on a PostgreSQL scratch database: the API on both stores.
  const apiPg =
    process.env["BENCH_SKIP_API_PG"] === "1"
      ? []
      : await (async () => {
          const scratch = await createScratch(admin, "api")
          try {
            const rows = await optional(
              "API benchmark on PostgreSQL (bench/api.ts)",
              async () => (await import("./api.ts")).benchApi({ ...apiOptions, databaseUrl: scratch.url }),
              apiTarget(false),
            )
            return rows.map((row) => ({ ...row, workload: `PostgreSQL: ${row.workload}` }))
          } finally {
            await scratch.drop().catch(() => undefined)
          }
        })()

  const measured: ReadonlyArray<CompareRow> = [
    ...storeRows("PostgreSQL", pgOurs, pgEmmett, pgPlain),
    {
      workload: "PostgreSQL: (a) of which prepareAppend alone (Node: decode, canonical JSON, SHA-256)",
      unit: "events/s",
      ours: rate(prep),
      note: "no database; the rest of (a) is ledger_append in PostgreSQL",
    },
    ...storeRows("PGlite (in memory)", lite, undefined, undefined, pgOurs).map((row) => ({
      ...row,
      note: notes(row.note, "Emmett 0.42 runs on node-postgres only (no PGlite connector)"),
    })),
    ...disclosure,
    ...streamSize,
    ...storeSize,
    ...overload,
    ...api,
    ...apiPg,
    ...(process.env["BENCH_SKIP_PROVINCE"] === "1" ? [] : await province(admin)),
    ...strays.map((note) => ({ workload: "stray server error (run continued)", unit: "", note })),
  ]
  const rows = [...measured, ...missingGoals(measured)]
  const end = os.loadavg() as [number, number, number]
  console.log(`## pnpm bench${quick ? " (BENCH_QUICK=1)" : ""}\n`)
  console.log(formatMachine(machine))
  console.log(`- load average at end (1/5/15 min): ${formatLoad(end)}\n`)
  console.log(formatTable(rows))
}

await main()
