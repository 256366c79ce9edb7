/**
 * The publication gate and retries at the service level: a check's errors refuse the publication
 * and write nothing; `force` publishes and records what it overrode; the same state sealed twice
 * answers one seal.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { fixturePath } from "@ledger/projections/testing"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { makeLedgerService } from "./ledger-service.ts"
import { PublishRefused } from "./publication.ts"

const fresh = async () => {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  await Effect.runPromise(
    service.importNdjson(readFileSync(fixturePath, "utf8"), { idempotencyKey: "fixture" }),
  )
  return { store, service }
}
const version = async (store: ReturnType<typeof makeMemoryEventStore>) =>
  (await Effect.runPromise(store.head("002/2026")))?.version ?? 0

const failing = () => [{ rule: "R7", place: "表4/合计", message: "does not add up" }]

describe("publish", () => {
  it("refuses when the checks find errors, writing nothing", async () => {
    const { store, service } = await fresh()
    const before = await version(store)
    const exit = await Effect.runPromiseExit(
      service.publish("002", 2026, { actor: "t", occurredAt: "2026-02-06", check: failing }),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    if (Exit.isFailure(exit)) {
      const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
      const error = reason?._tag === "Fail" ? reason.error : undefined
      expect(error).toBeInstanceOf(PublishRefused)
      expect((error as PublishRefused).findings).toEqual(failing())
    }
    expect(await version(store)).toBe(before)
  })

  it("force publishes and records the overridden rules in the event; a second publish answers that seal", async () => {
    const { store, service } = await fresh()
    const seal = await Effect.runPromise(
      service.publish("002", 2026, { actor: "t", occurredAt: "2026-02-06", check: failing, force: true }),
    )
    expect(seal).toMatchObject({
      appended: 1,
      forced: { errors: 1, rules: ["R7"] },
      publishedOn: "2026-02-06",
    })
    const stored = await Effect.runPromise(store.readStream("002/2026"))
    expect(stored.at(-1)).toMatchObject({
      type: "DisclosurePublished",
      occurredAt: "2026-02-06",
      data: { forced: { errors: 1, rules: ["R7"] }, documentHash: seal.documentHash },
    })
    const again = await Effect.runPromise(
      service.publish("002", 2026, { actor: "t", occurredAt: "2026-03-01" }),
    )
    expect(again).toEqual({ ...seal, appended: 0 })
    expect((await Effect.runPromise(store.readStream("002/2026"))).length).toBe(stored.length)
  })
})
