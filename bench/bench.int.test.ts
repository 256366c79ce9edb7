/**
 * The PostgreSQL-only pieces of the benchmark with tiny sizes on a scratch database of the real
 * server: Emmett's workloads and the plain-SQL baselines (COPY included) write and read exactly
 * what they count. Speed is never asserted.
 */
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  baselineBatchedInsert,
  baselineConcurrentInserts,
  baselineCopy,
  baselineReadAll,
  openBaseline,
} from "./baseline.ts"
import {
  emmettBatchedAppend,
  emmettBulkImport,
  emmettConcurrentAppends,
  emmettReadStreams,
  openEmmett,
} from "./emmett.ts"
import { Effect } from "effect"
import { makePgEventStore } from "@ledger/store-postgres"
import { createScratch } from "./scratch.ts"
import { bulkImportCopy, readEverything } from "./store.ts"
import type { Scratch } from "./scratch.ts"

const admin = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

describe("benchmark workloads on PostgreSQL", () => {
  let scratch: Scratch
  beforeAll(async () => {
    scratch = await createScratch(admin, "test")
  })
  afterAll(async () => {
    await scratch.drop()
  })

  it("Emmett: batches, per-stream bulk import and concurrent writers, all read back", async () => {
    const store = await openEmmett(scratch.url)
    try {
      const a = await emmettBatchedAppend(store, "t", { streams: 3, perStream: 7 })
      expect(a.measure.events).toBe(21)
      expect((await emmettReadStreams(store, a.streamNames)).events).toBe(21)
      const bulk = await emmettBulkImport(store, "t", {
        bulkTotal: 40,
        bulkPerCall: 20,
        bulkStreamsPerCall: 4,
      })
      expect(bulk.events).toBe(40)
      const w = await emmettConcurrentAppends(store, "t", { writers: 8, writerMs: 60_000, maxPerWriter: 3 })
      expect(w.events).toBe(24)
      const writerStream = await store.readStream("bench-twriter5")
      expect(writerStream.currentStreamVersion).toBe(3n)
    } finally {
      await store.close()
    }
  })

  it("plain SQL: multi-row INSERT, COPY and single-row INSERTs, all read back in position order", async () => {
    const pool = await openBaseline(scratch.url)
    try {
      expect((await baselineBatchedInsert(pool, "t", { streams: 3, perStream: 7 })).events).toBe(21)
      const copied = await baselineCopy(pool, "t", { bulkTotal: 40, bulkPerCall: 20, bulkStreamsPerCall: 4 })
      expect(copied.events).toBe(40)
      const w = await baselineConcurrentInserts(pool, "t", { writers: 8, writerMs: 60_000, maxPerWriter: 3 })
      expect(w.events).toBe(24)
      expect((await baselineReadAll(pool, 10)).events).toBe(85)
      // The COPY text rows kept the JSON intact: the payload reads back as the object.
      const one = await pool.query<{ data: { lineId: string } }>(
        "SELECT data FROM baseline_events WHERE stream_id = 'bench-t-bulk-1' AND version = 2",
      )
      expect(one.rows[0]?.data.lineId).toBe("line-0001-000001")
    } finally {
      await pool.end()
    }
  })
})

describe("our store's import path on PostgreSQL", () => {
  it("(b) writes through COPY every event it counts, chain intact", async () => {
    const s = await createScratch(admin, "copytest")
    try {
      const store = await Effect.runPromise(makePgEventStore({ connectionString: s.url }))
      try {
        const m = await bulkImportCopy(store, "t", { bulkTotal: 40, bulkPerCall: 20, bulkStreamsPerCall: 4 })
        expect(m.events).toBe(40)
        expect(m.note).toContain("COPY path (appendBulk)")
        expect((await readEverything(store, 40, 7)).events).toBe(40)
        expect(await Effect.runPromise(store.verify())).toMatchObject({ ok: true, checked: 40 })
      } finally {
        await Effect.runPromise(store.close())
      }
    } finally {
      await s.drop()
    }
  })
})

describe("scratch databases", () => {
  it("drop waits for connections still closing instead of terminating them", async () => {
    // pg.Pool.end() resolves before its backends exit; a FORCE drop at once terminated them and
    // a library's pool without an "error" listener crashed the run (Emmett's, issue 14).
    const s = await createScratch(admin, "droptest")
    const client = new pg.Client({ connectionString: s.url })
    const errors: Array<string> = []
    client.on("error", (error) => errors.push(error.message))
    await client.connect()
    const dropped = s.drop()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await client.end()
    await dropped
    expect(errors).toEqual([])
    const left = new pg.Client({ connectionString: admin })
    await left.connect()
    try {
      const r = await left.query("SELECT 1 FROM pg_database WHERE datname = $1", [s.name])
      expect(r.rowCount).toBe(0)
    } finally {
      await left.end()
    }
  })
})

describe("cost as work grows (store-size.ts)", () => {
  it("fills the store to each size, measures every point and judges every curve", async () => {
    const { benchStoreSize } = await import("./store-size.ts")
    const rows = await benchStoreSize({
      admin,
      sizes: { store: [300, 1_200], stream: [100, 200], samples: 2 },
    })
    expect(rows.map((r) => r.name)).toEqual([
      "stream size: ledger append of one event, p50",
      "stream size: first ledger append after a restart (folds the stream once)",
      "stream size: disclosure read and built from the store, p50",
      "store size 10^2…10^3: fill on the COPY path",
      "store size: append one event to a new stream, p50",
      "store size: append one event to an existing stream (100 events), p50",
      "store size: head of a stream, p50",
      "store size: readStream of one department-year (73 events), p50",
      "store size: disclosure of one department-year from the store, p50",
    ])
    expect(rows[3]?.note).toMatch(/^1,200 events in /)
    for (const row of rows.filter((r) => r.expect !== undefined)) {
      expect(Number.isFinite(row.value)).toBe(true)
      expect(row.note).toMatch(
        /^(flat|sublinear|linear|superlinear) in (store|stream) size: .*expected (flat|linear)/,
      )
    }
  }, 120_000)
})
