/**
 * Cost as work grows (issue 14), measured on our PostgreSQL store:
 * - store size: one scratch database filled on the import's COPY path to 10⁴, 10⁵ and 10⁶ events
 *   (quick: 10³, 10⁴) and, at each size, one-event appends to a new and to an existing stream,
 *   `head`, `readStream` of one department-year and a disclosure (the reference department
 *   imported under a fresh code at that size) — all expected flat in the size of the store;
 * - stream size: one department-year grown to 10², 10³, 10⁴, 10⁵ events (quick: to 10⁴) and, at
 *   each size, a ledger append of one adjustment (rules checked against the state cached per
 *   head: expected flat) and the disclosure read and built from the store (expected linear).
 * Each curve is one row: the growth over the range, every point in the note and a sentence
 * judging the shape against the expectation. Run alone: `npx tsx bench/store-size.ts`.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { Effect, Result } from "effect"
import { Envelope } from "@ledger/domain"
import { Expected } from "@ledger/eventstore"
import type { EventStoreShape, NewEvent } from "@ledger/eventstore"
import { AsOf } from "@ledger/projections"
import { makeLedgerService, toNewEvent } from "@ledger/service"
import { makePgEventStore } from "@ledger/store-postgres"
import type { TransactionalEventStore } from "@ledger/store-postgres"
import { curveRow, quantile, type BenchRow, type Curve } from "./report.ts"
import { adminUrl, analyzeDatabase, createScratch } from "./scratch.ts"
import { budgetLine } from "./workload.ts"

const here = path.dirname(fileURLToPath(import.meta.url))
const FIXTURE = readFileSync(path.join(here, "../fixtures/tunliu-government-office/events.ndjson"), "utf8")

/** The reference department's NDJSON under department code `code` (its units, lines and ids follow). */
export const recoded = (code: string): string =>
  FIXTURE.replaceAll('"002', `"${code}`).replaceAll("evt-002-", `evt-${code}-`)

const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

/** The p50 of `n` timed runs of `fn`, in milliseconds, after one untimed run (`fn(n)`) when n > 1. */
const p50 = async (n: number, fn: (i: number) => Promise<unknown>): Promise<number> => {
  if (n > 1) await fn(n)
  const ms: Array<number> = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn(i)
    ms.push(performance.now() - t0)
  }
  return quantile(ms, 0.5)
}

/** A synthetic budget-line event (~400 bytes), unique by `tag`. */
const fillEvent = (tag: string, stream: number, i: number): NewEvent => ({
  eventId: `${tag}-${stream}-${i}`,
  type: "BenchLineRecorded",
  schemaVersion: 1,
  occurredAt: "2026-01-15",
  actor: "bench",
  idempotencyKey: `${tag}-${i}`,
  data: budgetLine(stream, i) as NewEvent["data"],
})

/** Streams of the fill (a department-year's worth of events each) and streams per transaction. */
const FILL = { perStream: 100, streamsPerCall: 100 } as const

/**
 * Grows the store from `from` to `to` events: transactions of 10,000 events (100 streams × 100),
 * written by the transaction's COPY path. Returns the id of the last stream written.
 */
const fill = async (store: TransactionalEventStore, from: number, to: number): Promise<string> => {
  let stream = from / FILL.perStream
  let last = ""
  for (let n = from; n < to;) {
    const streams = Math.min(FILL.streamsPerCall, Math.ceil((to - n) / FILL.perStream))
    const requests = Array.from({ length: streams }, (_, k) => {
      const s = stream + k
      return {
        streamId: `fill-${s}`,
        expectedVersion: Expected.noStream,
        events: Array.from({ length: FILL.perStream }, (_, i) => fillEvent("fill", s, i)),
      }
    })
    const options = { idempotencyKey: `fill-${stream}` }
    await run(
      store.transaction((tx) => {
        const bulk = (tx as EventStoreShape & { readonly appendBulk?: EventStoreShape["append"] }).appendBulk
        return (bulk ?? tx.append)(requests, options)
      }),
    )
    last = requests[requests.length - 1]?.streamId ?? last
    stream += streams
    n += streams * FILL.perStream
  }
  return last
}

/** One adjustment of a line of the reference department, as a wire event (for the service). */
const adjustment = (code: string, i: number) => ({
  stream: { department: code, year: 2026 },
  eventId: `adj-${code}-${i}`,
  actor: "bench",
  type: "AdjustmentRecorded",
  schemaVersion: 1,
  occurredAt: "2026-06-01",
  idempotencyKey: `adj-${code}-${i}`,
  data: {
    adjustmentId: `BENCH-${code}-${i}`,
    reason: "追加",
    documentNumber: "bench",
    change: { kind: "amount", lineId: `${code}001-02-c`, delta: i % 2 === 0 ? "0.01" : "-0.01" },
  },
})

/** The same adjustment as the service stores it (the fill of a long stream goes through the store). */
const adjustmentEvent = (code: string, i: number): NewEvent =>
  toNewEvent(Result.getOrThrow(Envelope.decodeEvent(adjustment(code, i))), {})

const label = (n: number): string => `10^${Math.round(Math.log10(n))}`

interface Options {
  readonly quick?: boolean
  /** The scratch database (set by {@link benchStoreSize}). */
  readonly url?: string
  /** The server to create the scratch database on (default `BENCH_PG_URL` or local). */
  readonly admin?: string
  readonly log?: (line: string) => void
  /** Other sizes than the full or quick ones (the test's tiny ones), and samples per point. */
  readonly sizes?: {
    readonly store: ReadonlyArray<number>
    readonly stream: ReadonlyArray<number>
    readonly samples: number
  }
}

/** One size's point of every store-size curve (`tag` keeps its probe streams and events apart). */
const measureAt = async (
  store: TransactionalEventStore,
  service: ReturnType<typeof makeLedgerService>,
  at: { readonly code: string; readonly existing: string; readonly tag: string; readonly samples: number },
  keep: (metric: string, ms: number) => void,
): Promise<void> => {
  const { code, existing, tag, samples } = at
  const streamId = `${code}/2026`
  const head = await run(store.head(existing))
  let version = head?.version ?? 0
  keep(
    "append one event to a new stream, p50",
    await p50(samples, (i) =>
      run(
        store.append(
          {
            streamId: `probe-${tag}-${i}`,
            expectedVersion: Expected.noStream,
            events: [fillEvent(`new-${tag}`, 0, i)],
          },
          { idempotencyKey: `probe-${tag}-${i}` },
        ),
      ),
    ),
  )
  keep(
    "append one event to an existing stream (100 events), p50",
    await p50(samples, (i) =>
      run(
        store.append(
          {
            streamId: existing,
            expectedVersion: Expected.exact(version++),
            events: [fillEvent(`old-${tag}`, 0, i)],
          },
          { idempotencyKey: `${existing}/probe-${tag}-${i}` },
        ),
      ),
    ),
  )
  keep("head of a stream, p50", await p50(samples, () => run(store.head(streamId))))
  keep(
    "readStream of one department-year (73 events), p50",
    await p50(samples, () => run(store.readStream(streamId))),
  )
  keep(
    "disclosure of one department-year from the store, p50",
    await p50(Math.ceil(samples / 3), () => run(service.disclosure(code, 2026, AsOf.current))),
  )
}

/** The store-size curves: one row each. */
const storeSizeCurves = async (
  store: TransactionalEventStore,
  options: Options,
): Promise<Array<BenchRow>> => {
  const sizes = options.sizes?.store ?? (options.quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000])
  const samples = options.sizes?.samples ?? (options.quick ? 10 : 30)
  const service = makeLedgerService(store)
  const points: Record<string, Array<{ n: number; v: number }>> = {}
  const add = (metric: string, n: number, v: number) => (points[metric] ??= []).push({ n, v })
  let filled = 0
  let fillMs = 0
  let existing = ""
  for (const [k, size] of sizes.entries()) {
    options.log?.(`store size: filling to ${size.toLocaleString("en-US")} events`)
    const t0 = performance.now()
    existing = await fill(store, filled, size)
    fillMs += performance.now() - t0
    filled = size
    if (options.url !== undefined) await analyzeDatabase(options.url)
    const code = `9${k}`
    await run(service.importNdjson(recoded(code), { idempotencyKey: `ref-${code}` }))
    // At the first size every measurement runs twice and only the second counts: the first round
    // warms caches (plans, functions, connections) so the smallest size is not slow for that alone.
    for (const round of k === 0 ? [0, 1] : [1]) {
      const tag = `${size}-${round}`
      const keep = (metric: string, v: number) => (round === 1 ? add(metric, size, v) : undefined)
      await measureAt(store, service, { code, existing, tag, samples }, keep)
    }
  }
  options.log?.(
    `store size: filled ${filled.toLocaleString("en-US")} events in ${(fillMs / 1000).toFixed(0)} s`,
  )
  const fillRate = Math.round((filled * 1000) / fillMs)
  return [
    {
      name: `store size ${label(sizes[0] ?? 1)}…${label(filled)}: fill on the COPY path`,
      value: fillRate,
      unit: "events/s",
      note: `${filled.toLocaleString("en-US")} events in ${(fillMs / 1000).toFixed(1)} s, transactions of ${FILL.streamsPerCall} streams × ${FILL.perStream}`,
    },
    ...Object.entries(points).map(([metric, pts]) =>
      curveRow({ name: `store size: ${metric}`, what: "store", expect: "flat", points: pts } satisfies Curve),
    ),
  ]
}

/** The stream-size curves: one department-year grown by adjustments, measured at each size. */
const streamSizeCurves = async (
  store: TransactionalEventStore,
  options: Options,
): Promise<Array<BenchRow>> => {
  const sizes =
    options.sizes?.stream ?? (options.quick ? [100, 1_000, 10_000] : [100, 1_000, 10_000, 100_000])
  const samples = options.sizes?.samples ?? (options.quick ? 10 : 20)
  const code = "8"
  const streamId = `${code}/2026`
  const service = makeLedgerService(store)
  const imported = await run(service.importNdjson(recoded(code), { idempotencyKey: `ref-${code}` }))
  let length = imported.appended
  let adjustments = 0
  const append: Array<{ n: number; v: number }> = []
  const first: Array<{ n: number; v: number }> = []
  const build: Array<{ n: number; v: number }> = []
  for (const size of sizes) {
    options.log?.(`stream size: growing one department-year to ${size.toLocaleString("en-US")} events`)
    // Grown through the store in batches of 1,000 (the ledger's rules hold: one-fen adjustments).
    while (length < size - samples - 2) {
      const n = Math.min(1_000, size - samples - 2 - length)
      const events = Array.from({ length: n }, (_, i) => adjustmentEvent(code, adjustments + i))
      await run(
        store.append(
          { streamId, expectedVersion: Expected.exact(length), events },
          { idempotencyKey: `grow-${adjustments}` },
        ),
      )
      adjustments += n
      length += n
    }
    // A service that has not seen the stream: its first append folds it, the next ones use the cache.
    const fresh = makeLedgerService(store)
    const appendOne = () =>
      run(
        fresh.append({
          department: code,
          year: 2026,
          events: [adjustment(code, adjustments)],
          idempotencyKey: `one-${adjustments++}`,
        }),
      ).then(() => length++)
    first.push({ n: size, v: await p50(1, appendOne) })
    append.push({ n: size, v: await p50(samples, appendOne) })
    const builds = size >= 100_000 ? 1 : 3
    build.push({ n: size, v: await p50(builds, () => run(fresh.disclosure(code, 2026, AsOf.current))) })
  }
  return [
    curveRow({
      name: "stream size: ledger append of one event, p50",
      what: "stream",
      expect: "flat",
      points: append,
    }),
    curveRow({
      name: "stream size: first ledger append after a restart (folds the stream once)",
      what: "stream",
      expect: "linear",
      points: first,
    }),
    curveRow({
      name: "stream size: disclosure read and built from the store, p50",
      what: "stream",
      expect: "linear",
      points: build,
    }),
  ]
}

/**
 * Both families of curves on one PostgreSQL scratch database (dropped afterwards).
 */
export async function benchStoreSize(options: Options = {}): Promise<Array<BenchRow>> {
  const scratch = await createScratch(options.admin ?? adminUrl(), "storesize")
  try {
    const store = await run(makePgEventStore({ connectionString: scratch.url }))
    try {
      const withUrl = { ...options, url: scratch.url }
      return [...(await streamSizeCurves(store, withUrl)), ...(await storeSizeCurves(store, withUrl))]
    } finally {
      await run(store.close())
    }
  } finally {
    await scratch.drop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { formatRows } = await import("./report.ts")
  const log = (line: string) => void process.stderr.write(`${line}\n`)
  console.log(formatRows(await benchStoreSize({ quick: process.env["BENCH_QUICK"] === "1", log })))
}
