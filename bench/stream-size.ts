/**
 * Replay + build against the length of one stream (issue 12: a disclosure must cost time linear
 * in its events): the reference department's 73 events followed by small amount adjustments of
 * one line, to 10², 10³, 10⁴ and 10⁵ events. Reports the fold alone and the whole build, the
 * median of a few runs each, as one curve row each (judged against linear growth; the same
 * stream through the store is in store-size.ts). A third row isolates the domain's part of an
 * append against the state a service caches per stream head: `decideBatch` of one more adjustment
 * on the state folded from the stream (the fold without refs, as the cache keeps it), p50 of 200 —
 * flat expected (issue 14), where the store-size row adds the store's round trips and their noise.
 * `BENCH_QUICK=1` stops at 10⁴.
 * Run alone: `npx tsx bench/stream-size.ts`.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { BudgetEvent } from "@ledger/domain"
import { BudgetState, Decide, Envelope, Taxonomy } from "@ledger/domain"
import { AsOf, buildDisclosure, foldLogged, type LoggedEvent } from "@ledger/projections"
import { Result } from "effect"
import { curveRow, formatRows, quantile, type BenchRow } from "./report.ts"

const here = path.dirname(fileURLToPath(import.meta.url))
const fixture = path.join(here, "../fixtures/tunliu-government-office/events.ndjson")

/** The reference events as logged events, then `total - 73` one-fen adjustments of one line. */
export const longStream = (total: number): ReadonlyArray<LoggedEvent> => {
  const base = readFileSync(fixture, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => Result.getOrThrow(Envelope.decodeEvent(JSON.parse(line))))
  const events: Array<LoggedEvent> = []
  const push = (event: BudgetEvent.BudgetEvent, occurredAt: string) => {
    const n = events.length + 1
    events.push({
      event,
      meta: {
        streamId: "002/2026",
        version: n,
        position: n,
        eventId: `e-${n}`,
        occurredAt,
        recordedAt: "2026-06-01T00:00:00.000Z",
        actor: "bench",
        hash: n.toString(16).padStart(64, "0"),
      },
    })
  }
  for (const e of base) push(e.event, e.meta.occurredAt)
  for (let i = 0; events.length < total; i++)
    push(
      {
        type: "AdjustmentRecorded",
        data: {
          adjustmentId: `BENCH-${i}`,
          reason: "追加",
          documentNumber: "bench",
          change: { kind: "amount", lineId: "002001-02-c", delta: i % 2 === 0 ? "0.01" : "-0.01" },
        },
      },
      "2026-06-01",
    )
  return events
}

const time = (fn: () => void, runs: number): number => {
  const ms: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    ms.push(performance.now() - t0)
  }
  return quantile(ms, 0.5)
}

/** One more one-fen adjustment of the line the stream adjusts, unique by `i`. */
const oneMore = (i: number): BudgetEvent.BudgetEvent => ({
  type: "AdjustmentRecorded",
  data: {
    adjustmentId: `APPEND-${i}`,
    reason: "追加",
    documentNumber: "bench",
    change: { kind: "amount", lineId: "002001-02-c", delta: "0.01" },
  },
})

/**
 * Three curve rows: fold and whole build (the median wall milliseconds at each size in the note,
 * judged against the linear growth a replay should have), and the append's check and fold against
 * the folded state (p50, judged against flat).
 */
export async function benchStreamSize(options: { readonly quick?: boolean } = {}): Promise<Array<BenchRow>> {
  const sizes = options.quick ? [100, 1_000, 10_000] : [100, 1_000, 10_000, 100_000]
  const fold: Array<{ n: number; v: number }> = []
  const build: Array<{ n: number; v: number }> = []
  const append: Array<{ n: number; v: number }> = []
  const ctx = { taxonomy: Result.getOrThrow(Taxonomy.forYear(2026)), streamYear: 2026, department: "002" }
  let appended = 0
  for (const size of sizes) {
    const events = longStream(size)
    const runs = size >= 100_000 ? 3 : size >= 10_000 ? 5 : 20
    fold.push({ n: size, v: time(() => void foldLogged(events), runs) })
    build.push({
      n: size,
      v: time(() => {
        const r = buildDisclosure(events, AsOf.current)
        if (Result.isFailure(r)) throw new Error(r.failure.message)
      }, runs),
    })
    const cached = BudgetState.fold(events.map((e) => ({ event: e.event })))
    const appendOne = () => {
      const r = Decide.decideBatch([oneMore(appended++)], cached, ctx)
      if (Result.isFailure(r)) throw new Error(r.failure.error.message)
    }
    time(appendOne, 20)
    append.push({ n: size, v: time(appendOne, 200) })
  }
  const what = "stream"
  return [
    curveRow({ name: "stream size, in memory: fold (median)", what, expect: "linear", points: fold }),
    curveRow({
      name: "stream size, in memory: buildDisclosure (median)",
      what,
      expect: "linear",
      points: build,
    }),
    curveRow({
      name: "stream size, in memory: append's check and fold against the folded state (p50)",
      what,
      expect: "flat",
      points: append,
    }),
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(formatRows(await benchStreamSize({ quick: process.env["BENCH_QUICK"] === "1" })))
}
