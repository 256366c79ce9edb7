/**
 * Replay + build of the reference department's disclosure (design README §5: median < 5 ms), timed
 * two ways: `buildDisclosure` alone over already-decoded logged events, and the full request path
 * of the service — stored events → `toLogged` (decode) → `buildDisclosure` (select, fold, tables,
 * narrative, document hash) — over the in-memory store. Every read checks the hash chain of what
 * it read (`readChecked` → `verifyRead`, issue 12); its cost is measured on its own and as the
 * same request path without it, so the chain check is shown to fit the disclosure-build target.
 * Run alone: `npx tsx bench/disclosure.ts`.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { makeMemoryEventStore, verifyRead } from "@ledger/eventstore"
import { AsOf, buildDisclosure } from "@ledger/projections"
import { makeLedgerService, toLogged } from "@ledger/service"
import { Effect, Result } from "effect"
import { formatRows, quantile, type BenchRow } from "./report.ts"

const here = path.dirname(fileURLToPath(import.meta.url))
const fixture = path.join(here, "../fixtures/tunliu-government-office/events.ndjson")

const WARMUP = 200
const RUNS = 1000

/** CPU time (user + system) of this process so far, in ms: steadier than wall time on a shared machine. */
const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Times `fn` RUNS times after WARMUP calls: wall milliseconds per call, and mean CPU milliseconds. */
const sample = (fn: () => void): { readonly wall: ReadonlyArray<number>; readonly cpu: number } => {
  for (let i = 0; i < WARMUP; i++) fn()
  const wall: Array<number> = []
  const cpu0 = cpuMs()
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint()
    fn()
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  return { wall, cpu: (cpuMs() - cpu0) / RUNS }
}

const rows = (name: string, s: ReturnType<typeof sample>, note: string): ReadonlyArray<BenchRow> => [
  { name: `${name} median`, value: quantile(s.wall, 0.5), unit: "ms", note },
  {
    name: `${name} p99`,
    value: quantile(s.wall, 0.99),
    unit: "ms",
    note: `${RUNS} runs after ${WARMUP} warm-up`,
  },
  {
    name: `${name} CPU`,
    value: s.cpu,
    unit: "ms",
    note: "mean CPU time per run (user + system, all threads)",
  },
]

/** Loads the fixture into an in-memory store and times both paths; the rows carry median and p99 in ms. */
export async function benchDisclosure(): Promise<Array<BenchRow>> {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  const imported = await Effect.runPromise(
    service.importNdjson(readFileSync(fixture, "utf8"), {
      actor: "bench",
      idempotencyKey: "bench:disclosure",
    }),
  )
  const events = await Effect.runPromise(service.loggedEvents("002", 2026))

  const build = () => {
    const r = buildDisclosure(events, AsOf.published)
    if (Result.isFailure(r)) throw new Error(r.failure.message)
  }
  // Effect.runSync is fine: the memory store's reads are synchronous effects.
  const full = Effect.asVoid(service.disclosure("002", 2026, { _tag: "Published" }))
  const request = () => Effect.runSync(full)

  // The same request path without the chain check on read, and the check alone.
  const read = store.readStream("002/2026")
  const unchecked = () => {
    const r = buildDisclosure(Effect.runSync(read).map(toLogged), AsOf.published)
    if (Result.isFailure(r)) throw new Error(r.failure.message)
  }
  const stored = Effect.runSync(read)
  const check = () => {
    if (verifyRead(stored) !== undefined) throw new Error("the benchmark's chain is broken")
  }

  const note = `reference department, ${imported.lines} events; target median < 5 ms`
  const withCheck = sample(request)
  const withoutCheck = sample(unchecked)
  const checkAlone = sample(check)
  const share = quantile(checkAlone.wall, 0.5) / quantile(withCheck.wall, 0.5)
  return [
    ...rows("disclosure: buildDisclosure (decoded events)", sample(build), note),
    ...rows("disclosure: stored → logged → disclosure", withCheck, `${note}; chain checked on read`),
    ...rows("disclosure: stored → logged → disclosure, no chain check", withoutCheck, note),
    ...rows(
      "disclosure: chain check on read (verifyRead)",
      checkAlone,
      `${stored.length} events; the check's share of the checked request: ${(share * 100).toFixed(1)} %`,
    ),
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(formatRows(await benchDisclosure()))
}
