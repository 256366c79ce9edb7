/**
 * An event id names one event of a stream (issue 12): a batch repeating an id, or reusing the id
 * of a stored event, is refused with the field named and nothing written; an idempotent retry of
 * the same event is still accepted.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { fixturePath } from "@ledger/projections/testing"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { BatchRejected } from "./errors.ts"
import { makeLedgerService } from "./ledger-service.ts"

const fresh = async () => {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  await Effect.runPromise(
    service.importNdjson(readFileSync(fixturePath, "utf8"), { idempotencyKey: "fixture" }),
  )
  return { store, service }
}
const count = async (store: ReturnType<typeof makeMemoryEventStore>) =>
  (await Effect.runPromise(store.readStream("002/2026"))).length

const adjustment = (n: number, eventId?: string) => ({
  stream: { department: "002", year: 2026 },
  type: "AdjustmentRecorded",
  schemaVersion: 1,
  occurredAt: "2026-09-01",
  idempotencyKey: `ids/adj/${n}`,
  ...(eventId === undefined ? {} : { eventId }),
  data: {
    adjustmentId: `ID-${n}`,
    reason: "测试追加",
    documentNumber: "测〔2026〕1号",
    change: { kind: "amount", lineId: "002001-02-c", delta: "1.00" },
  },
})

const rejection = async (effect: Effect.Effect<unknown, unknown>) => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) throw new Error("expected the batch to be refused")
  const fail = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (fail?._tag !== "Fail" || !(fail.error instanceof BatchRejected))
    throw new Error("expected BatchRejected")
  return fail.error
}

describe("event ids are unique per stream", () => {
  it("refuses a batch that repeats an event id, naming the second one; nothing is written", async () => {
    const { store, service } = await fresh()
    const before = await count(store)
    const error = await rejection(
      service.append({
        department: "002",
        year: 2026,
        events: [adjustment(1, "dup"), adjustment(2, "dup")],
        idempotencyKey: "batch",
      }),
    )
    expect(error.issues).toMatchObject([{ index: 1, path: "eventId", rule: "DuplicateEventId" }])
    expect(await count(store)).toBe(before)
  })

  it("refuses an event id already stored in the stream, and accepts the idempotent retry of that very event", async () => {
    const { store, service } = await fresh()
    const append = (events: ReadonlyArray<unknown>, key: string) =>
      service.append({ department: "002", year: 2026, events, idempotencyKey: key })
    await Effect.runPromise(append([adjustment(1, "once")], "first"))
    const before = await count(store)
    const error = await rejection(append([adjustment(2, "once")], "second"))
    expect(error.issues).toMatchObject([{ index: 0, path: "eventId" }])
    const stored = await Effect.runPromise(store.readStream("002/2026"))
    expect(stored.filter((e) => e.eventId === "once")).toHaveLength(1)
    await Effect.runPromise(append([adjustment(1, "once")], "retry"))
    expect(await count(store)).toBe(before)
  })
})
