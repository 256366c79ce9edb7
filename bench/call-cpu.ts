/**
 * Node's CPU per single-event append with the database stubbed out, warm and cold, piece by piece:
 * each piece runs back to back ("warm") and once per millisecond with a `setTimeout(1)` between
 * calls ("cold": a loaded machine runs other processes in between, as it does between two
 * responses of the bench's eight writers), and the cold figure is given minus the same loop
 * without a call. Why (c)'s Node CPU per append is many times the store's warm cost: see
 * docs/performance.md, "Node's CPU per single-event call under eight writers".
 *
 * Run: `npx tsx bench/call-cpu.ts [ROUNDS] [piece,…]` (pieces: none, event, decode, prepare,
 * effect, store).
 *
 * @module
 */
import { Effect, Result, Schema } from "effect"
import { AppendOptions, AppendRequest, Expected, prepareAppend } from "@ledger/eventstore"
import type { NewEvent } from "@ledger/eventstore"
import { makeKyselyEventStore } from "@ledger/store-postgres"
import { budgetLine } from "./workload.ts"

/** What `ledger_append` answers for one new event. */
const RESULT =
  '{"streams":[{"streamId":"s","fromVersion":1,"toVersion":1,"appended":1,"skipped":0}],' +
  '"positions":[1],"firstPosition":1,"lastPosition":1}'

/** The store on no database: its append runner answers at once. */
const store = makeKyselyEventStore(undefined as never, {
  destroy: () => Promise.resolve(),
  append: () => Promise.resolve(RESULT),
})

/** The bench's (c) event and request for writer `w`, call `n`. */
const request = (w: number, n: number) => ({
  streamId: `s-${w}`,
  expectedVersion: Expected.exact(n),
  events: [
    {
      eventId: `r-${w}-${n}`,
      type: "BenchLineRecorded",
      schemaVersion: 1,
      occurredAt: "2026-01-15",
      actor: "bench",
      idempotencyKey: `line-${n}`,
      data: budgetLine(w, n) as NewEvent["data"],
    },
  ],
})

const decodeRequests = Schema.decodeUnknownResult(Schema.Array(AppendRequest))
const decodeOptions = Schema.decodeUnknownResult(AppendOptions)

/** The pieces of an append, each from the request up to that piece. */
const PIECES: Record<string, (w: number, n: number) => unknown> = {
  none: () => undefined,
  event: (w, n) => request(w, n),
  decode: (w, n) => [decodeOptions({ idempotencyKey: `s-${w}/${n}` }), decodeRequests([request(w, n)])],
  prepare: (w, n) => {
    const p = prepareAppend(request(w, n), { idempotencyKey: `s-${w}/${n}` }, "database")
    if (Result.isFailure(p)) throw new Error(p.failure.message)
  },
  effect: () => Effect.runPromise(Effect.tryPromise({ try: () => Promise.resolve(1), catch: String })),
  store: (w, n) => Effect.runPromise(store.append(request(w, n), { idempotencyKey: `s-${w}/${n}` })),
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** User CPU per call of `calls` calls of `piece`, with `pauseMs` between calls (0: back to back). */
const userPerCall = async (piece: (w: number, n: number) => unknown, calls: number, pauseMs: number) => {
  const c0 = process.cpuUsage()
  for (let i = 0; i < calls; i++) {
    await piece(i % 8, i)
    if (pauseMs > 0) await sleep(pauseMs)
  }
  return process.cpuUsage(c0).user / calls
}

const median = (xs: ReadonlyArray<number>): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const [roundsArg = "4", piecesArg = Object.keys(PIECES).join(",")] = process.argv.slice(2)
const names = [...new Set(["none", ...piecesArg.split(",")])]
for (const name of names) if (PIECES[name] === undefined) throw new Error(`no piece ${name}`)
const warm: Record<string, Array<number>> = {}
const cold: Record<string, Array<number>> = {}
for (const name of names) await userPerCall(PIECES[name] as never, 5_000, 0)
for (let r = 0; r < Number(roundsArg); r++)
  for (const name of names) {
    const piece = PIECES[name] as (w: number, n: number) => unknown
    ;(warm[name] ??= []).push(await userPerCall(piece, 5_000, 0))
    ;(cold[name] ??= []).push(await userPerCall(piece, 1_500, 1))
  }
const idle = median(cold["none"] ?? [])
console.log(`user CPU per call, µs: median of ${roundsArg} rounds (cold: every round)`)
for (const name of names) {
  const c = cold[name] ?? []
  console.log(
    `${name.padEnd(8)} warm ${median(warm[name] ?? [])
      .toFixed(1)
      .padStart(6)}  cold ${median(c).toFixed(1).padStart(6)}` +
      `  cold − none ${(median(c) - idle).toFixed(1).padStart(6)}  (${c.map((x) => x.toFixed(0)).join(" ")})`,
  )
}
