/**
 * Small reads while large replays run (issue 12): the real server (`pnpm start`, embedded store)
 * holds the reference department plus one-fen adjustments up to 10⁴ events (10³ with
 * `BENCH_QUICK=1`); 8 connections replay its current disclosure continuously while one connection
 * reads `GET /v1/health` and another `GET /v1/departments`. Target: small GET p99 < 100 ms. Replays
 * beyond the admission gate are answered 503 (counted, not failures). The scenario runs twice: with
 * replays on two worker threads (`LEDGER_REPLAY_WORKERS=2`) and with the in-process
 * fallback (`LEDGER_REPLAY_WORKERS=0`), for comparison, and with workers on PostgreSQL (a scratch
 * database of `BENCH_PG_URL`), where the workers also make the read. Run alone: `npx tsx bench/overload.ts`.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"
import { autocannon, startServer } from "./api.ts"
import { adminUrl, createScratch } from "./scratch.ts"
import { formatRows, type BenchRow } from "./report.ts"

/** Runs the scenario with and without replay workers; rows carry the small GETs' p99 and the replays' throughput. */
export const benchOverload = async (
  options: { readonly quick?: boolean; readonly durationSec?: number } = {},
): Promise<Array<BenchRow>> => [
  ...(await scenario(options, 2, false)),
  ...(await scenario(options, 0, false)),
  ...(await scenario(options, 2, true).catch((error: unknown): Array<BenchRow> => [
    {
      name: `under replay load, ${where(2, true)}`,
      value: 0,
      unit: "",
      note: `skipped: ${error instanceof Error ? error.message : String(error)}`,
    },
  ])),
]

/** Label of a run: the store and where the replays ran. */
const where = (workers: number, postgres: boolean): string =>
  `${postgres ? "PostgreSQL" : "embedded store"}, ${workers === 0 ? "replays in process (fallback)" : `replays on ${workers} worker threads`}`

const scenario = async (
  options: { readonly quick?: boolean; readonly durationSec?: number },
  workers: number,
  postgres: boolean,
): Promise<Array<BenchRow>> => {
  const events = options.quick ? 1_000 : 10_000
  const duration = options.durationSec ?? (options.quick ? 3 : 10)
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-bench-overload-"))
  const scratch = postgres ? await createScratch(adminUrl(), "overload") : undefined
  const server = await startServer({
    LEDGER_STORE: dir,
    LEDGER_REPLAY_WORKERS: String(workers),
    ...(scratch !== undefined ? { DATABASE_URL: scratch.url, LEDGER_DEMO_KEYS: "1" } : {}),
  }).catch(async (error: unknown) => {
    await scratch?.drop()
    throw error
  })
  try {
    const base = `${server.url}/v1/departments/002/years/2026`
    for (let done = 73, batch = 0; done < events; batch++) {
      const size = Math.min(1_000, events - done)
      const body = JSON.stringify({
        events: Array.from({ length: size }, (_, i) => ({
          stream: { department: "002", year: 2026 },
          type: "AdjustmentRecorded",
          schemaVersion: 1,
          occurredAt: "2026-06-01",
          idempotencyKey: `overload/${batch}/${i}`,
          data: {
            adjustmentId: `OV-${batch}-${i}`,
            reason: "追加",
            documentNumber: "bench",
            change: { kind: "amount", lineId: "002001-02-c", delta: i % 2 === 0 ? "0.01" : "-0.01" },
          },
        })),
      })
      const res = await fetch(`${base}/events`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${server.writer}`,
          "content-type": "application/json",
          "idempotency-key": `overload/${batch}`,
        },
        body,
      })
      if (res.status !== 201) throw new Error(`append failed: ${res.status} ${await res.text()}`)
      done += size
    }
    const auth = { authorization: `Bearer ${server.auditor}` }
    // One replay first (both setups): workers loaded, code warm.
    const warm = await fetch(`${base}/disclosure`, { headers: auth })
    if (warm.status !== 200) throw new Error(`warm-up replay failed: ${warm.status} ${await warm.text()}`)
    const [replays, health, departments] = await Promise.all([
      autocannon({ url: `${base}/disclosure`, headers: auth, connections: 8, duration }),
      autocannon({ url: `${server.url}/v1/health`, connections: 1, duration }),
      autocannon({ url: `${server.url}/v1/departments`, headers: auth, connections: 1, duration }),
    ])
    /** p99, or the whole run when not one small GET was answered (the loop was held by replays). */
    const p99 = (r: typeof health): number => (r.requests.total === 0 ? duration * 1000 : r.latency.p99)
    const note = (r: typeof health): string =>
      `${r.requests.total} requests (non-2xx ${r.non2xx}, errors ${r.errors}) while ${events} events of one stream are replayed by 8 connections; target p99 < 100 ms`
    const rows: Array<BenchRow> = [
      {
        name: `under replay load, ${where(workers, postgres)}: GET /v1/health p99`,
        value: p99(health),
        unit: "ms",
        note: note(health),
      },
      {
        name: `under replay load, ${where(workers, postgres)}: GET /v1/departments p99`,
        value: p99(departments),
        unit: "ms",
        note: note(departments),
      },
      {
        name: `under replay load, ${where(workers, postgres)}: replays answered`,
        value: replays.requests.average,
        unit: "req/s",
        note: `p99 ${replays.latency.p99} ms; non-2xx (503 overloaded) ${replays.non2xx}`,
      },
    ]
    return rows
  } finally {
    server.stop()
    rmSync(dir, { recursive: true, force: true })
    await new Promise((r) => setTimeout(r, 500))
    await scratch?.drop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(formatRows(await benchOverload({ quick: process.env["BENCH_QUICK"] === "1" })))
}
