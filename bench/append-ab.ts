/**
 * A/B of `ledger_append` versions on one server, without the store's Node code: the databases named
 * on the command line (each migrated to the schema to compare) get the same prepared
 * `select ledger_append(…)` calls, arguments built before the clock starts, in turns whose order
 * alternates every round, so a loaded machine's drift falls on both. Workloads: `c` eight sessions,
 * one event a call, each on its own stream (the bench's (c)); `s` one session of the same; `a` one
 * session of 1,000-event calls on new streams (the bench's (a)). Reports events/s and the backends'
 * CPU per event from `/proc/<pid>/schedstat` (Linux, server on this machine).
 *
 * Run: `npx tsx bench/append-ab.ts ROUNDS c,s,a DB1 DB2 …` (`AB_WRITER_MS`, `AB_CALLS`,
 * `AB_ASYNC=1` for asynchronous commit, `BENCH_PG_URL` for the server).
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import pg from "pg"

const [roundsArg = "3", workloadsArg = "c,a", ...dbs] = process.argv.slice(2)
const writerMs = Number(process.env["AB_WRITER_MS"] ?? 4000)
const calls = Number(process.env["AB_CALLS"] ?? 10)
const server = new URL(process.env["BENCH_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres")

const TEXT = `select ledger_append($1, $2, $3, $4::text[], $5::int[], $6::int[], $7::int[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], string_to_array($13::text, chr(30))) as result`

/** About the bench's event: a ≈ 700-byte canonical content with the recordedAt placeholder. */
const content = (s: string, k: string): string =>
  `{"actor":"bench","data":{"amount":"123.45","basis":{"document":"BENCH-0001-01","section":"1.1"},` +
  `"departmentCode":"D001","description":"Synthetic benchmark line of stream: operating costs of the office.",` +
  `"economicCode":"30001","fiscalYear":2026,"functionCode":"2000031","fundSource":"general-public-budget",` +
  `"kind":"basic","lineId":"${k}","priorYearAmount":"864.15","tags":["bench","recurring"]},"eventId":"${k}",` +
  `"idempotencyKey":"${k}","occurredAt":"2026-01-15","recordedAt":"\u0001","schemaVersion":1,"streamId":"${s}",` +
  `"type":"BenchLineRecorded"}`

const hex = (): string => randomBytes(32).toString("hex")

/** The arguments of one call appending `n` new events to `stream`. */
const args = (stream: string, n: number, tag: string): Array<unknown> => {
  const keys = Array.from({ length: n }, (_, i) => `${tag}-${i}`)
  return [
    `req-${tag}`,
    hex(),
    "",
    [stream],
    [-1],
    [n],
    [0],
    keys.map((k) => `id-${k}`),
    keys.map(() => "BenchLineRecorded"),
    keys,
    keys.map(() => "2026-01-15"),
    keys.map(() => hex()),
    keys.map((k) => content(stream, k)).join("\u001e"),
  ]
}

interface Session {
  readonly client: pg.Client
  readonly pid: number
}

const connect = async (db: string): Promise<Session> => {
  const url = new URL(server)
  url.pathname = `/${db}`
  const async = process.env["AB_ASYNC"] === "1" ? { options: "-c synchronous_commit=off" } : {}
  const client = new pg.Client({ connectionString: url.toString(), ...async })
  await client.connect()
  const pid = (await client.query<{ p: number }>("select pg_backend_pid() as p")).rows[0]?.p ?? 0
  return { client, pid }
}

/** Nanoseconds the processes `pids` have spent on a CPU. */
const cpuNs = (pids: ReadonlyArray<number>): number =>
  pids.reduce((a, p) => a + Number(readFileSync(`/proc/${p}/schedstat`, "utf8").split(" ")[0]), 0)

const append = (s: Session, values: Array<unknown>) => s.client.query({ name: "append", text: TEXT, values })

/** One workload on one database's sessions: events done, milliseconds, backend CPU nanoseconds. */
const runOnce = async (w: string, sessions: ReadonlyArray<Session>, run: string) => {
  if (w === "a") {
    const one = sessions.slice(0, 1)
    const prepared = Array.from({ length: calls }, (_, s) => args(`b-${run}-${s}`, 1000, `${run}-${s}`))
    const [cpu0, t0] = [cpuNs(one.map((s) => s.pid)), performance.now()]
    for (const a of prepared) for (const s of one) await append(s, a)
    return { events: calls * 1000, ms: performance.now() - t0, ns: cpuNs(one.map((s) => s.pid)) - cpu0 }
  }
  const used = w === "s" ? sessions.slice(0, 1) : sessions
  const prepared = used.map((_, i) =>
    Array.from({ length: 4000 }, (_, n) => args(`w-${run}-${i}`, 1, `${run}-${i}-${n}`)),
  )
  const [cpu0, t0] = [cpuNs(used.map((s) => s.pid)), performance.now()]
  const end = t0 + writerMs
  const counts = await Promise.all(
    used.map(async (s, i) => {
      let n = 0
      for (const a of prepared[i] ?? []) {
        if (performance.now() >= end) break
        await append(s, a)
        n++
      }
      return n
    }),
  )
  const events = counts.reduce((a, b) => a + b, 0)
  return { events, ms: performance.now() - t0, ns: cpuNs(used.map((s) => s.pid)) - cpu0 }
}

const sessions = new Map<string, ReadonlyArray<Session>>()
for (const db of dbs) sessions.set(db, await Promise.all(Array.from({ length: 8 }, () => connect(db))))
const rows: Record<string, Array<string>> = {}
for (let r = 0; r < Number(roundsArg); r++) {
  for (const w of workloadsArg.split(",")) {
    for (const db of r % 2 === 0 ? dbs : [...dbs].reverse()) {
      const m = await runOnce(
        w,
        sessions.get(db) ?? [],
        `${Date.now().toString(36)}${r}${randomBytes(3).toString("hex")}`,
      )
      const line = `${((m.events * 1000) / m.ms).toFixed(0)} ev/s, ${(m.ns / 1000 / m.events).toFixed(1)} µs`
      ;(rows[`${w} ${db}`] ??= []).push(line)
    }
  }
}
console.log(
  `events/s and backend CPU per event, by round (load ${readFileSync("/proc/loadavg", "utf8").trim()}):`,
)
for (const [k, v] of Object.entries(rows)) console.log(k.padEnd(24), v.join("  |  "))
for (const list of sessions.values()) for (const s of list) await s.client.end()
