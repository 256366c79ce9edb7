/**
 * Replays on worker threads (issue 12): the pool gives byte-for-byte the documents the in-process
 * replay gives, the same typed errors (404, 503 ledger-integrity), and while large replays are in
 * flight on the workers the request loop keeps answering health and metadata — each answer
 * arrives while a replay is still running (asserted by order, with only a generous time bound). A
 * replay past its run deadline is refused with 503 + Retry-After and its worker replaced.
 */
import { makeMemoryEventStore } from "@ledger/eventstore"
import type { MemoryEventStore } from "@ledger/eventstore"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeReplayPool } from "./replay-pool.ts"
import type { ReplayPool } from "./replay-pool.ts"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"

const D = "/v1/departments/002/years/2026"
/** Extra one-fen adjustments that make the replay large (a quick form of bench/overload.ts). */
const EXTRA = 2_000

const adjustments = (batch: number, size: number) =>
  Array.from({ length: size }, (_, i) => ({
    stream: { department: "002", year: 2026 },
    type: "AdjustmentRecorded",
    schemaVersion: 1,
    occurredAt: "2026-06-01",
    idempotencyKey: `pool/${batch}/${i}`,
    data: {
      adjustmentId: `POOL-${batch}-${i}`,
      reason: "追加",
      documentNumber: "test",
      change: { kind: "amount", lineId: "002001-02-c", delta: i % 2 === 0 ? "0.01" : "-0.01" },
    },
  }))

let store: MemoryEventStore
let pool: ReplayPool
let pooled: Harness
let inProcess: Harness

beforeAll(async () => {
  store = makeMemoryEventStore()
  pool = makeReplayPool(store, { size: 2, timeoutMs: 120_000 })
  pool.warm()
  pooled = await makeHarness({
    store,
    replayPool: pool,
    admission: { maxConcurrent: 8, maxQueue: 32, deadlineMs: 120_000 },
    // The tests append through the service behind the API's back (as another process would): with
    // no head time-to-live every read asks the store, so the next read replays what was appended.
    headTtlMs: 0,
  })
  inProcess = await makeHarness({ store, fixture: false })
}, 120_000)
afterAll(() => pool.close())

describe("replay pool", () => {
  it("serves the same documents as the in-process replay, in every format and point", async () => {
    for (const q of ["", "?asOf=published", "?asOf=5", "?format=txt", "?format=csv"]) {
      const [a, b] = await Promise.all([
        pooled.call(`${D}/disclosure${q}`, { key: pooled.keys.auditor }),
        inProcess.call(`${D}/disclosure${q}`, { key: pooled.keys.auditor }),
      ])
      expect(a.status).toBe(200)
      expect(a.headers.get("etag")).toBe(b.headers.get("etag"))
      expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true)
    }
    const cell = `${D}/disclosure/cells/1/5/1`
    expect(await (await pooled.call(cell, { key: pooled.keys.auditor })).json()).toEqual(
      await (await inProcess.call(cell, { key: pooled.keys.auditor })).json(),
    )
  }, 120_000)

  it("raises the same typed errors: 404 for an unknown department-year, 400 for a bad point", async () => {
    const r = await pooled.call("/v1/departments/777/years/2026/disclosure", { key: pooled.keys.auditor })
    expect(r.status).toBe(404)
    expect(((await r.json()) as { detail: string }).detail).toBe(
      "no event has been recorded for department 777 in 2026",
    )
    const none = await pooled.call(`/v1/departments/999/years/2026/disclosure?asOf=published`, {
      key: pooled.keys.auditor,
    })
    expect(none.status).toBe(404)
  }, 60_000)

  it("keeps answering health and metadata while large replays run on the workers", async () => {
    for (let batch = 0; batch * 500 < EXTRA; batch++)
      await Effect.runPromise(
        pooled.service.append({
          department: "002",
          year: 2026,
          events: adjustments(batch, 500),
          idempotencyKey: `pool/${batch}`,
        }),
      )
    let finished = 0
    const replays = Array.from({ length: 4 }, () =>
      Promise.resolve(pooled.call(`${D}/disclosure`, { key: pooled.keys.auditor })).then((r) => {
        finished++
        return r
      }),
    )
    // Wait until the workers hold replays (the request loop has handed them over).
    const handedOver = Date.now() + 60_000
    while (pool.stats().busy === 0) {
      if (Date.now() > handedOver) throw new Error("no replay reached the workers within 60 s")
      await new Promise((r) => setTimeout(r, 1))
    }
    const answered: Array<{ status: number; ms: number; whileReplaying: boolean }> = []
    for (const path of ["/v1/health", "/v1/openapi.json", "/v1/health"]) {
      const t0 = performance.now()
      const r = await pooled.call(path)
      answered.push({
        status: r.status,
        ms: performance.now() - t0,
        whileReplaying: pool.stats().busy > 0 && finished < replays.length,
      })
    }
    const done = await Promise.all(replays)
    expect(done.map((r) => r.status)).toEqual([200, 200, 200, 200])
    for (const a of answered) {
      expect(a.status).toBe(200)
      expect(a.whileReplaying).toBe(true)
      expect(a.ms).toBeLessThan(5_000)
    }
  }, 180_000)

  it("a tampered stream is 503 ledger-integrity from the worker too", async () => {
    const tampered = makeMemoryEventStore()
    const small = makeReplayPool(tampered, { size: 1, timeoutMs: 120_000 })
    try {
      const h = await makeHarness({ store: tampered, replayPool: small })
      const target = (await Effect.runPromise(tampered.readStream("002/2026"))).find(
        (e) => e.type === "AppropriationRecorded",
      )
      if (target === undefined) throw new Error("no appropriation stored")
      tampered.unsafeTamper((s) => {
        s.rows = s.rows.map((r) =>
          r.position === target.position
            ? { ...r, canonical: r.canonical.replace(/"amount":"(\d)/, '"amount":"9$1') }
            : r,
        )
      })
      const r = await h.call(`${D}/disclosure`, { key: h.keys.auditor })
      expect(r.status).toBe(503)
      const body = (await r.json()) as { type: string; detail: string }
      expect(body.type).toMatch(/\/ledger-integrity$/)
      expect(body.detail).toContain(`position ${target.position}`)
    } finally {
      await small.close()
    }
  }, 120_000)

  it("refuses a replay past its run deadline with 503 + Retry-After and replaces the worker", async () => {
    const impatient = makeReplayPool(store, { size: 1, timeoutMs: 1 })
    try {
      const h = await makeHarness({ store, fixture: false, replayPool: impatient })
      const r = await h.call(`${D}/disclosure`, { key: h.keys.auditor })
      expect(r.status).toBe(503)
      expect(r.headers.get("retry-after")).toBe("1")
      expect(((await r.json()) as { type: string }).type).toMatch(/\/overloaded$/)
      expect(impatient.stats()).toMatchObject({ busy: 0, waiting: 0 })
    } finally {
      await impatient.close()
    }
  }, 60_000)
})
