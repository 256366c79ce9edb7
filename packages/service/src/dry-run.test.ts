/**
 * A dry run decides and replays a batch without writing: the versions, changed cells and checks it
 * answers are those the real write then produces, and the store is untouched.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { AsOf } from "@ledger/projections"
import { fixturePath } from "@ledger/projections/testing"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { makeLedgerService } from "./ledger-service.ts"

const fixture = readFileSync(fixturePath, "utf8")
const lineCount = fixture.trimEnd().split("\n").length

const fresh = async () => {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  await Effect.runPromise(service.importNdjson(fixture, { idempotencyKey: "fixture" }))
  return { store, service }
}

const count = async (store: ReturnType<typeof makeMemoryEventStore>) =>
  (await Effect.runPromise(store.readStream("002/2026"))).length

const increase = (key: string, delta: string) => ({
  stream: { department: "002", year: 2026 },
  type: "AdjustmentRecorded",
  schemaVersion: 1,
  occurredAt: "2026-09-01",
  idempotencyKey: key,
  data: {
    adjustmentId: `T-${key.replace("/", "-")}`,
    reason: "测试追加",
    documentNumber: "测〔2026〕1号",
    change: { kind: "amount", lineId: "002001-02-c", delta },
  },
})

const cellsOf = (
  cells: ReadonlyArray<{ table: string; rowLabel: string; column: string; old: string; new: string }>,
) => cells.map((c) => [c.table, c.rowLabel, c.column, c.old, c.new])

describe("dry run", () => {
  it("answers the versions, the changed cells and the checks the write would produce, and writes nothing", async () => {
    const { store, service } = await fresh()
    const batch = { department: "002", year: 2026, events: [increase("dry/1", "250000.00")], actor: "tester" }
    let checked = 0
    const plan = await Effect.runPromise(
      service.dryRun(batch, {
        check: (doc) => {
          checked++
          return { hash: doc.documentHash }
        },
      }),
    )
    expect(await count(store)).toBe(lineCount)
    expect(checked).toBe(1)
    const s = plan.streams[0]
    expect(s).toMatchObject({
      streamId: "002/2026",
      fromVersion: lineCount + 1,
      toVersion: lineCount + 1,
      appended: 1,
      skipped: 0,
    })
    expect(s?.diff?.cells.length).toBeGreaterThan(0)

    const head = (await Effect.runPromise(store.readStream("002/2026"))).at(-1)?.position ?? 0
    const written = await Effect.runPromise(service.append({ ...batch, idempotencyKey: "real" }))
    expect(written.streams[0]).toMatchObject({ fromVersion: lineCount + 1, toVersion: lineCount + 1 })
    const real = await Effect.runPromise(service.diff("002", 2026, AsOf.position(head), AsOf.current))
    expect(cellsOf(s?.diff?.cells ?? [])).toEqual(cellsOf(real.cells))
  })

  it("refuses what the write would refuse: a broken rule, a stale expectedVersion", async () => {
    const { store, service } = await fresh()
    const broken = await Effect.runPromiseExit(
      service.dryRun({ department: "002", year: 2026, events: [increase("dry/2", "-99999999.00")] }),
    )
    expect(Exit.isFailure(broken) && JSON.stringify(broken.cause)).toContain("NegativeBalance")
    const stale = await Effect.runPromiseExit(
      service.dryRun({
        department: "002",
        year: 2026,
        events: [increase("dry/3", "1.00")],
        expectedVersion: { _tag: "Exact", version: lineCount - 1 },
      }),
    )
    expect(Exit.isFailure(stale) && JSON.stringify(stale.cause)).toContain("StreamVersionConflict")
    expect(await count(store)).toBe(lineCount)
  })

  it("with an Idempotency-Key already used: the stored result for the same batch, a conflict for another; nothing written", async () => {
    const { store, service } = await fresh()
    const batch = { department: "002", year: 2026, events: [increase("dry/k", "100.00")], actor: "tester" }
    const stale = { _tag: "Exact", version: lineCount } as const
    const written = await Effect.runPromise(
      service.append({ ...batch, expectedVersion: stale, idempotencyKey: "k1" }),
    )
    const after = await count(store)
    // The same request: the write would answer its stored result (its expectation held then).
    const same = await Effect.runPromise(
      service.dryRun({ ...batch, expectedVersion: stale, idempotencyKey: "k1" }),
    )
    expect(same.replayed).toEqual(written)
    expect(same.streams[0]).toMatchObject({ appended: 0, skipped: 1 })
    // Another batch under the key: the write's conflict.
    const other = await Effect.runPromiseExit(
      service.dryRun({ ...batch, events: [increase("dry/k2", "5.00")], idempotencyKey: "k1" }),
    )
    expect(Exit.isFailure(other) && JSON.stringify(other.cause)).toContain("IdempotencyConflict")
    const real = await Effect.runPromiseExit(
      service.append({ ...batch, events: [increase("dry/k2", "5.00")], idempotencyKey: "k1" }),
    )
    expect(Exit.isFailure(real) && JSON.stringify(real.cause)).toContain("IdempotencyConflict")
    // A new key plans as before, with no replayed result.
    const unused = await Effect.runPromise(
      service.dryRun({ ...batch, events: [increase("dry/k3", "5.00")], idempotencyKey: "k3" }),
    )
    expect(unused.replayed).toBeUndefined()
    expect(unused.streams[0]).toMatchObject({ appended: 1 })
    expect(await count(store)).toBe(after)
  })

  it("dry-runs an import into an empty store: every event new, no current document to diff, nothing written", async () => {
    const store = makeMemoryEventStore()
    const service = makeLedgerService(store)
    const plan = await Effect.runPromise(service.dryRunImport(fixture, { check: () => "ran" }))
    expect(plan.streams.find((s) => s.streamId === "002/2026")).toMatchObject({
      fromVersion: 1,
      appended: lineCount,
      diff: null,
      checks: "ran",
    })
    expect((await Effect.runPromise(store.listStreams())).length).toBe(0)
    const again = await fresh()
    const replan = await Effect.runPromise(again.service.dryRunImport(fixture))
    expect(replan.streams.every((s) => s.appended === 0 && s.diff?.cells.length === 0)).toBe(true)
  })
})
