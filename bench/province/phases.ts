/**
 * The province benchmark's phases, each run in its own process (`npx tsx bench/province/phases.ts
 * PHASE JSON-ARGS`) so its peak resident memory is its own: generate the NDJSON file, import it
 * through the streaming import (PostgreSQL or PGlite), COPY the same rows into a plain table, and
 * rebuild every department-year's disclosure from the store. Each prints one JSON line on stdout.
 *
 * @module
 */
import { createReadStream, createWriteStream, readFileSync } from "node:fs"
import { once } from "node:events"
import { createInterface } from "node:readline"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { pathToFileURL } from "node:url"
import { Effect } from "effect"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { Envelope } from "@ledger/domain"
import { AsOf } from "@ledger/projections"
import { generateProvince } from "@ledger/province"
import { importLines, makeLedgerService } from "@ledger/service"
import { makePgEventStore, makePgliteEventStore } from "@ledger/store-postgres"

/** What a phase measured. */
export interface PhaseResult {
  readonly events: number
  readonly ms: number
  /** Peak resident set of the phase's process, in MiB. */
  readonly peakRssMiB: number
  readonly extra?: Record<string, number>
}

/**
 * The phase process's own peak resident set (VmHWM, reset by exec), in MiB. `resourceUsage().maxRSS`
 * is not: Linux keeps it across fork + exec, so it reported the bench parent's peak when that was higher.
 */
const peak = (): number => {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]
    if (kb !== undefined) return Number(kb) / 1024
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS / 1024
}

/**
 * The file's lines. The iterator is taken at once: readline emits from the start, and lines
 * emitted before an iterator exists would be lost while the import opens its transaction.
 */
const lines = (file: string): AsyncIterable<string> => {
  const iterator = createInterface({
    input: createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Infinity,
  })[Symbol.asyncIterator]()
  return { [Symbol.asyncIterator]: () => iterator }
}

/** The fields of a generated line the plain COPY writes as columns. */
interface Wire {
  readonly stream: Envelope.StreamKey
  readonly eventId: string
  readonly type: string
  readonly idempotencyKey: string
  readonly occurredAt: string
}

const openStore = (target: { readonly pg?: string; readonly pglite?: string }) =>
  Effect.runPromise(
    target.pg !== undefined
      ? makePgEventStore({ connectionString: target.pg })
      : makePgliteEventStore({ dataDir: target.pglite }),
  )

export const phases = {
  /** Writes the province's NDJSON file. */
  generate: async (a: { file: string; departments: number; seed: number }): Promise<PhaseResult> => {
    const t0 = performance.now()
    const out = createWriteStream(a.file)
    let events = 0
    for (const dy of generateProvince({ departments: a.departments, years: 1, seed: a.seed })) {
      let chunk = ""
      for (const e of dy.events) chunk += JSON.stringify(e) + "\n"
      events += dy.events.length
      if (!out.write(chunk)) await once(out, "drain")
    }
    out.end()
    await once(out, "close")
    return { events, ms: performance.now() - t0, peakRssMiB: peak() }
  },

  /** `ledger import` of the file: streaming, one transaction, rules checked, chains written. */
  import: async (a: { file: string; pg?: string; pglite?: string }): Promise<PhaseResult> => {
    const store = await openStore(a)
    try {
      const t0 = performance.now()
      const r = await Effect.runPromise(
        importLines(store, lines(a.file), { idempotencyKey: `bench:${Date.now()}` }),
      )
      return { events: r.appended, ms: performance.now() - t0, peakRssMiB: peak() }
    } finally {
      await Effect.runPromise(store.close())
    }
  },

  /**
   * Plain COPY of the same rows into a table of the event log's own shape: `LIKE events` in a
   * migrated database (the same columns, keys and partitioning by year), one row per event with
   * the values the import writes — the line as the canonical text, hash-sized placeholders for the
   * hashes — streamed in 256 KB chunks. What it leaves out is the ledger's own work: validation,
   * rules, canonical JSON, the hash chain and the database's checks of it. The server's ceiling.
   */
  copy: async (a: { file: string; pg: string }): Promise<PhaseResult> => {
    await Effect.runPromise(
      Effect.flatMap(makePgEventStore({ connectionString: a.pg }), (store) => store.close()),
    )
    const client = new pg.Client({ connectionString: a.pg })
    await client.connect()
    try {
      await client.query(
        "CREATE TABLE province_plain (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES) PARTITION BY LIST (fiscal_year)",
      )
      await client.query("CREATE TABLE province_plain_years PARTITION OF province_plain DEFAULT")
      const versions = new Map<string, number>()
      const hash = "0".repeat(64)
      let events = 0
      async function* rows() {
        let chunk = ""
        for await (const line of lines(a.file)) {
          if (line === "") continue
          const e = JSON.parse(line) as Wire
          const id = Envelope.streamIdOf(e.stream)
          const v = (versions.get(id) ?? 0) + 1
          versions.set(id, v)
          events++
          chunk += `${events}\t${e.stream.department}\t${e.stream.year}\t${id}\t${v}\t${e.eventId}\t${e.type}\t${e.idempotencyKey}\t${e.occurredAt}\t2026-12-01T00:00:00.000Z\t${hash}\t${line.replaceAll("\\", "\\\\")}\t${hash}\t${hash}\n`
          if (chunk.length > 262_144) {
            yield chunk
            chunk = ""
          }
        }
        if (chunk !== "") yield chunk
      }
      const t0 = performance.now()
      await pipeline(
        Readable.from(rows()),
        client.query(
          copyFrom(
            "COPY province_plain (position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key, occurred_key, recorded_at, body_hash, canonical, prev_hash, hash) FROM STDIN",
          ),
        ),
      )
      return { events, ms: performance.now() - t0, peakRssMiB: peak() }
    } finally {
      await client.end()
    }
  },

  /**
   * Every department-year's current disclosure, replayed from the store one after another; with
   * `shards` > 1 only the department-years whose index is `shard` modulo `shards` (one process per
   * core rebuilds its share, as a rebuild job on this machine would).
   */
  rebuild: async (a: {
    pg?: string
    pglite?: string
    shard?: number
    shards?: number
  }): Promise<PhaseResult> => {
    const store = await openStore(a)
    try {
      // Each event is read once: no decode memo (it would only hold memory), as a rebuild job runs.
      const service = makeLedgerService(store, { decodeMemo: false })
      const t0 = performance.now()
      const shards = a.shards ?? 1
      const listed = await Effect.runPromise(service.departments())
      // The listing says which years each department holds, so a replay need not probe for more.
      const firstYear = new Map<string, number>()
      for (const d of listed)
        firstYear.set(d.department, Math.min(d.year, firstYear.get(d.department) ?? d.year))
      const all = listed.filter((_, i) => i % shards === (a.shard ?? 0))
      let events = 0
      for (const d of all) {
        await Effect.runPromise(
          service.disclosure(d.department, d.year, AsOf.current, { firstYear: firstYear.get(d.department) }),
        )
        events += d.version
      }
      return { events, ms: performance.now() - t0, peakRssMiB: peak(), extra: { disclosures: all.length } }
    } finally {
      await Effect.runPromise(store.close())
    }
  },
} as const

/** The phase names. */
export type Phase = keyof typeof phases

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const name = process.argv[2] as Phase
  const args = JSON.parse(process.argv[3] ?? "{}") as never
  const result = await phases[name](args)
  process.stdout.write(JSON.stringify(result) + "\n")
}
