/**
 * Smoke test of the benchmark's pieces with tiny sizes on in-memory PGlite: every workload writes
 * and reads exactly what it says (speed is never asserted), the payload is the size we claim, and
 * the table judges targets correctly.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makePgliteEventStore } from "@ledger/store-postgres"
import type { TransactionalEventStore } from "@ledger/store-postgres"
import { formatTable, ratio, verdict } from "./compare.ts"
import type { CompareRow } from "./compare.ts"
import {
  batchedAppend,
  bulkImport,
  bulkImportCopy,
  concurrentAppends,
  prepareOnly,
  readEverything,
  readStreams,
} from "./store.ts"
import { curveRow } from "./report.ts"
import { budgetLine, concurrentWriters } from "./workload.ts"

describe("workloads on PGlite", () => {
  let store: TransactionalEventStore
  beforeAll(async () => {
    store = await Effect.runPromise(makePgliteEventStore({}))
  })
  afterAll(async () => {
    await Effect.runPromise(store.close())
  })

  it("append, import and concurrent writers store exactly what they count, and reads return all of it", async () => {
    const a = await batchedAppend(store, "t", { streams: 3, perStream: 7 })
    expect(a.measure.events).toBe(21)
    expect(a.streamIds).toHaveLength(3)

    const all = await readEverything(store, 21, 5)
    expect(all.events).toBe(21)
    const perStream = await readStreams(store, a.streamIds)
    expect(perStream.events).toBe(21)

    const bulk = await bulkImport(store, "t", { bulkTotal: 40, bulkPerCall: 20, bulkStreamsPerCall: 4 })
    expect(bulk.events).toBe(40)

    const writers = await concurrentAppends(store, "t", { writers: 8, writerMs: 60_000, maxPerWriter: 3 })
    expect(writers.events).toBe(24)

    const copied = await bulkImportCopy(store, "t", { bulkTotal: 30, bulkPerCall: 10, bulkStreamsPerCall: 2 })
    expect(copied.events).toBe(30)
    expect(copied.note).toContain("append in a transaction (no COPY path)")

    const heads = await Effect.runPromise(store.listStreams())
    expect(heads).toHaveLength(3 + 8 + 8 + 6)
    expect(heads.filter((h) => h.streamId.includes("-writer-")).map((h) => h.version)).toEqual(
      Array(8).fill(3),
    )
    const everything = await readEverything(store, 21 + 40 + 24 + 30, 10)
    expect(everything.events).toBe(115)
    expect(await Effect.runPromise(store.verify())).toMatchObject({ ok: true, checked: 115 })
  })

  it("prepareOnly prepares every event of the batches", async () => {
    expect((await prepareOnly("p", { streams: 2, perStream: 5 })).events).toBe(10)
  })
})

describe("workload helpers", () => {
  it("a budget line is about 400 bytes of JSON with amounts as strings of 元", () => {
    for (const [s, i] of [
      [0, 0],
      [42, 999],
      [99, 123_456],
    ] as const) {
      const line = budgetLine(s, i)
      const size = Buffer.byteLength(JSON.stringify(line))
      expect(size).toBeGreaterThan(330)
      expect(size).toBeLessThan(470)
      expect(line["amount"]).toMatch(/^\d+\.\d{2}$/)
    }
  })

  it("concurrent writers stop at the count bound and run each writer's steps in order", async () => {
    const seen: Array<Array<number>> = Array.from({ length: 4 }, () => [])
    const m = await concurrentWriters(4, 60_000, 5, async (w, n) => {
      await new Promise((r) => setImmediate(r))
      seen[w]?.push(n)
    })
    expect(m.events).toBe(20)
    expect(seen).toEqual(Array(4).fill([0, 1, 2, 3, 4]))
  })
})

describe("the comparison table", () => {
  const row = (ours: number, emmett?: number): CompareRow => ({
    workload: "w",
    unit: "events/s",
    ours,
    emmett,
    target: { min: 50_000, minRatio: 2, text: "≥ 50,000 and ≥ 2× Emmett" },
  })

  it("passes only when both the floor and the ratio hold", () => {
    expect(verdict(row(60_000, 20_000))).toBe("pass")
    expect(verdict(row(60_000, 40_000))).toBe("FAIL")
    expect(verdict(row(40_000, 10_000))).toBe("FAIL")
    expect(verdict(row(60_000))).toBe("—")
    expect(ratio(row(60_000, 20_000))).toBe(3)
  })

  it("judges a latency ceiling", () => {
    const latency = (v: number): CompareRow => ({
      workload: "l",
      unit: "ms",
      ours: v,
      target: { below: 5, text: "< 5" },
    })
    expect(verdict(latency(4.9))).toBe("pass")
    expect(verdict(latency(5))).toBe("FAIL")
    const atMost = (v: number): CompareRow => ({ ...latency(v), target: { max: 50, text: "≤ 50" } })
    expect(verdict(atMost(50))).toBe("pass")
    expect(verdict(atMost(51))).toBe("FAIL")
  })

  it("judges every part of a target: a share of plain SQL as well as the Emmett ratio", () => {
    const both = (ours: number, emmett?: number, baseline?: number): CompareRow => ({
      workload: "a",
      unit: "events/s",
      ours,
      emmett,
      baseline,
      target: { minRatio: 3, minPlainRatio: 0.7, text: "≥ 70% of plain; ≥ 3× Emmett" },
    })
    expect(verdict(both(80, 20, 100))).toBe("pass")
    expect(verdict(both(60, 10, 100))).toBe("FAIL")
    expect(verdict(both(80, 40, 100))).toBe("FAIL")
    // A part that fails decides even when another cannot be judged; a missing figure alone cannot pass.
    expect(verdict(both(60, undefined, 100))).toBe("FAIL")
    expect(verdict(both(80, undefined, 100))).toBe("—")
  })

  it("prints one Markdown row per workload with the ratio and verdict", () => {
    const text = formatTable([
      { ...row(60_000, 20_000), baseline: 120_000 },
      { workload: "a | b", unit: "ms" },
    ])
    const lines = text.split("\n")
    expect(lines).toHaveLength(4)
    expect(lines[2]).toContain("| 60,000 | 20,000 | 120,000 | 3.00× | 0.50× |")
    expect(lines[2]).toContain("| pass |")
    expect(lines[3]).toContain("a \\| b")
  })
})

describe("a curve row", () => {
  const curve = (expect: "flat" | "linear", vs: ReadonlyArray<number>) =>
    curveRow({ name: "c", what: "store", expect, points: vs.map((v, i) => ({ n: 10 ** (i + 2), v })) })

  it("judges the growth exponent between the ends against the expected shape", () => {
    const flat = curve("flat", [10, 11, 12])
    expect(flat.value).toBeCloseTo(Math.log(1.2) / Math.log(100))
    expect(flat.note).toMatch(
      /^flat in store size: 10\^4\/10\^2 = 1\.20× over 100× the store; expected flat, as expected\. 10\^2: 10 ms, 10\^3: 11 ms, 10\^4: 12 ms$/,
    )
    expect(curve("flat", [10, 50, 100]).note).toContain("sublinear in store size")
    expect(curve("flat", [10, 50, 100]).note).toContain("expected flat: NOT as expected")
    expect(curve("linear", [1, 10, 100]).note).toContain("linear in store size")
    expect(curve("linear", [1, 10, 100]).note).toContain("as expected")
    expect(curve("linear", [1, 30, 1000]).note).toContain("superlinear in store size")
    expect(curve("linear", [1, 30, 1000]).expect).toBe("linear")
  })

  it("fits k over every point, not only the ends", () => {
    expect(curve("linear", [10, 10, 10, 100]).value).toBeCloseTo(0.3)
  })

  it("cannot judge one point", () => {
    expect(curve("flat", [5]).value).toBeNaN()
  })
})
