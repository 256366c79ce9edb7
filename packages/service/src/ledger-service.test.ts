/**
 * The service's write path is all-or-nothing and rule-checked, and its read path replays exactly
 * what was stored: tested on the in-memory store with the reference fixture.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { fixturePath } from "@ledger/projections/testing"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { BatchRejected, type BatchIssue } from "./errors.ts"
import { makeLedgerService } from "./ledger-service.ts"

const fixture = readFileSync(fixturePath, "utf8")
const lines = fixture
  .trimEnd()
  .split("\n")
  .map((l) => JSON.parse(l) as Record<string, unknown>)

const fresh = async () => {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  await Effect.runPromise(service.importNdjson(fixture, { idempotencyKey: "fixture" }))
  return { store, service }
}

const failureOf = async <A, E>(effect: Effect.Effect<A, E>): Promise<E> => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (error === undefined || error._tag !== "Fail") throw new Error("expected a typed failure")
  return error.error
}

const issuesOf = (error: unknown): ReadonlyArray<BatchIssue> => {
  if (!(error instanceof BatchRejected))
    throw new Error(`expected BatchRejected, got ${JSON.stringify(error)}`)
  return error.issues
}

const count = async (store: ReturnType<typeof makeMemoryEventStore>) =>
  (await Effect.runPromise(store.readStream("002/2026"))).length

const adjustment = (overrides: Record<string, unknown> = {}, change: Record<string, unknown> = {}) => ({
  stream: { department: "002", year: 2026 },
  type: "AdjustmentRecorded",
  schemaVersion: 1,
  occurredAt: "2026-09-01",
  idempotencyKey: "test/adj/1",
  data: {
    adjustmentId: "T-1",
    reason: "测试追加",
    documentNumber: "测〔2026〕1号",
    change: { kind: "amount", lineId: "002001-02-c", delta: "1000.00", ...change },
  },
  ...overrides,
})

describe("LedgerService", () => {
  it("imports the fixture in one atomic append and re-imports nothing", async () => {
    const { store, service } = await fresh()
    expect(await count(store)).toBe(lines.length)
    const again = await Effect.runPromise(service.importNdjson(fixture, { idempotencyKey: "fixture-again" }))
    expect(again).toMatchObject({ appended: 0, skipped: lines.length })
    expect(await count(store)).toBe(lines.length)
  })

  it("refuses a file with malformed JSON, naming the line, and writes nothing", async () => {
    const store = makeMemoryEventStore()
    const service = makeLedgerService(store)
    const error = await failureOf(service.importNdjson(fixture + "{not json\n", { idempotencyKey: "k" }))
    expect(error).toMatchObject({ _tag: "BatchRejected", kind: "malformed" })
    expect(issuesOf(error)[0]?.line).toBe(lines.length + 1)
    expect((await Effect.runPromise(store.listStreams())).length).toBe(0)
  })

  it("refuses a batch when one event breaks a rule, with its index and field path; nothing is written", async () => {
    const { store, service } = await fresh()
    const before = await count(store)
    const good = adjustment({ idempotencyKey: "test/ok" }, {})
    const overdraw = adjustment(
      { idempotencyKey: "test/bad" },
      { lineId: "002001-02-c", delta: "-99999999.00" },
    )
    const bad = { ...overdraw, data: { ...overdraw.data, adjustmentId: "T-2" } }
    const error = await failureOf(
      service.append({
        department: "002",
        year: 2026,
        events: [good, bad],
        idempotencyKey: "req-1",
        actor: "tester",
      }),
    )
    expect(error).toMatchObject({ _tag: "BatchRejected", kind: "rule-violation" })
    const issue = issuesOf(error)[0]
    expect(issue).toMatchObject({ index: 1, path: "data.change.delta", rule: "NegativeBalance" })
    expect(await count(store)).toBe(before)
  })

  it("lists every bad field of an undecodable event, JSON-number amounts included", async () => {
    const { store, service } = await fresh()
    const bad = adjustment({ idempotencyKey: "test/num" }, { delta: 1000 })
    const error = await failureOf(
      service.append({
        department: "002",
        year: 2026,
        events: [{ ...bad, occurredAt: "yesterday" }],
        idempotencyKey: "r",
      }),
    )
    expect(error).toMatchObject({ _tag: "BatchRejected", kind: "invalid" })
    const paths = issuesOf(error)
      .map((i) => i.path)
      .sort()
    expect(paths).toEqual(["data.change.delta", "occurredAt"])
    expect(await count(store)).toBe(lines.length)
  })

  it("words a wrong-typed field as the catalogue does and checks the rules of the events that decoded, in one answer", async () => {
    const { store, service } = await fresh()
    const number = adjustment({ idempotencyKey: "test/n" }, { delta: 1000 })
    const overdraw = adjustment({ idempotencyKey: "test/o" }, { delta: "-99999999.00" })
    const error = await failureOf(
      service.append({
        department: "002",
        year: 2026,
        events: [number, { ...overdraw, data: { ...overdraw.data, adjustmentId: "T-9" } }],
        idempotencyKey: "r2",
      }),
    )
    expect(error).toMatchObject({ _tag: "BatchRejected", kind: "invalid" })
    expect(issuesOf(error)).toMatchObject([
      {
        index: 0,
        path: "data.change.delta",
        message:
          'must be a signed amount in 元 written as a string with at most two decimals, e.g. "-1200.00"',
      },
      { index: 1, path: "data.change.delta", rule: "NegativeBalance" },
    ])
    expect(await count(store)).toBe(lines.length)
  })

  it("refuses an event addressed to another department-year than the request", async () => {
    const { service } = await fresh()
    const error = await failureOf(
      service.append({ department: "003", year: 2026, events: [adjustment()], idempotencyKey: "r" }),
    )
    expect(error).toMatchObject({ _tag: "BatchRejected" })
    expect(issuesOf(error)[0]?.path).toBe("stream")
  })

  it("records the authenticated caller as the actor, whatever the event says", async () => {
    const { store, service } = await fresh()
    await Effect.runPromise(
      service.append({
        department: "002",
        year: 2026,
        events: [adjustment({ actor: "someone-else" })],
        idempotencyKey: "r",
        actor: "key:writer-1",
      }),
    )
    const events = await Effect.runPromise(store.readStream("002/2026"))
    expect(events[events.length - 1]?.actor).toBe("key:writer-1")
  })

  it("refuses an idempotency key reused with another body, and nothing is written", async () => {
    const { store, service } = await fresh()
    await Effect.runPromise(
      service.append({ department: "002", year: 2026, events: [adjustment()], idempotencyKey: "a" }),
    )
    const before = await count(store)
    const error = await failureOf(
      service.append({
        department: "002",
        year: 2026,
        events: [adjustment({}, { delta: "2000.00" })],
        idempotencyKey: "b",
      }),
    )
    expect(JSON.stringify(error)).toContain("IdempotencyConflict")
    expect(await count(store)).toBe(before)
  })

  it("publishes a seal that as-published reproduces after later adjustments", async () => {
    const { service } = await fresh()
    const seal = await Effect.runPromise(
      service.publish("002", 2026, { actor: "auditor", occurredAt: "2026-03-01" }),
    )
    await Effect.runPromise(
      service.append({ department: "002", year: 2026, events: [adjustment()], idempotencyKey: "later" }),
    )
    const published = await Effect.runPromise(service.disclosure("002", 2026, { _tag: "Published" }))
    const current = await Effect.runPromise(service.disclosure("002", 2026, { _tag: "Current" }))
    expect(published.documentHash).toBe(seal.documentHash)
    expect(current.documentHash).not.toBe(seal.documentHash)
  })

  it("says which department-year is unknown", async () => {
    const { service } = await fresh()
    const error = await failureOf(service.disclosure("999", 2026, { _tag: "Current" }))
    expect(error).toMatchObject({ _tag: "UnknownDepartmentYear", department: "999", year: 2026 })
  })

  it("lists the department-years it holds", async () => {
    const { service } = await fresh()
    const list = await Effect.runPromise(service.departments())
    expect(list.map((d) => [d.department, d.year, d.version])).toEqual([["002", 2026, lines.length]])
  })
})
