/**
 * `GET /v1/anchor` serves the anchor `ledger anchor` prints: it decodes as
 * `budget-ledger-anchor/v1`, agrees with the store it came from (signed and unsigned), and then
 * detects a cut tail and a rewritten event — the same checks `ledger verify --anchor` runs.
 */
import { Anchor, checkAnchor, makeMemoryEventStore } from "@ledger/eventstore"
import { createKey, makeKeyRing, makeLedgerService } from "@ledger/service"
import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { makeApp } from "./app.ts"
import { FIXTURE_TEXT } from "./testing-fixtures/harness.ts"

const serve = async (anchorKey?: string) => {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  await Effect.runPromise(service.importNdjson(FIXTURE_TEXT, { idempotencyKey: "fixture" }))
  const auditor = await Effect.runPromise(createKey(store, { role: "auditor" }, "test"))
  const app = makeApp({
    store,
    service,
    keys: makeKeyRing(store),
    now: () => new Date("2026-09-01T00:00:00Z"),
    log: () => undefined,
    ...(anchorKey !== undefined ? { anchorKey } : {}),
  })
  const fetchAnchor = async () => {
    const r = await app.request("/v1/anchor", { headers: { authorization: `Bearer ${auditor.secret}` } })
    expect(r.status).toBe(200)
    expect(r.headers.get("cache-control")).toBe("no-store")
    return Schema.decodeUnknownSync(Anchor)(await r.json())
  }
  return { store, fetchAnchor }
}

describe("GET /v1/anchor", () => {
  it("anchors every stream head with the server's clock; the store agrees with it", async () => {
    const { store, fetchAnchor } = await serve()
    const anchor = await fetchAnchor()
    const heads = await Effect.runPromise(store.listStreams())
    expect(anchor.createdAt).toBe("2026-09-01T00:00:00.000Z")
    expect(anchor.signature).toBeUndefined()
    expect(anchor.heads).toEqual(
      heads.map((h) => ({ streamId: h.streamId, version: h.version, position: h.position, hash: h.hash })),
    )
    expect(anchor.heads.some((h) => h.streamId === "002/2026")).toBe(true)
    expect(await Effect.runPromise(checkAnchor(store, anchor))).toBeUndefined()
  })

  it("is signed with LEDGER_ANCHOR_KEY; a wrong key, a cut tail and a rewritten event are detected", async () => {
    const { store, fetchAnchor } = await serve("anchor-secret")
    const anchor = await fetchAnchor()
    expect(anchor.signature?.alg).toBe("HMAC-SHA256")
    expect(await Effect.runPromise(checkAnchor(store, anchor, "anchor-secret"))).toBeUndefined()
    expect((await Effect.runPromise(checkAnchor(store, anchor, "other")))?.reason).toBe("bad-signature")

    const head = anchor.heads.find((h) => h.streamId === "002/2026")
    if (head === undefined) throw new Error("no 002/2026 head")
    store.unsafeTamper((s) => {
      s.rows = s.rows.map((r) =>
        r.streamId === head.streamId && r.version === head.version ? { ...r, hash: "0".repeat(64) } : r,
      )
    })
    expect(await Effect.runPromise(checkAnchor(store, anchor, "anchor-secret"))).toMatchObject({
      streamId: "002/2026",
      reason: "chain-rewritten",
    })
    store.unsafeTamper((s) => {
      s.rows = s.rows.filter((r) => !(r.streamId === head.streamId && r.version === head.version))
      const prev = s.rows.filter((r) => r.streamId === head.streamId).at(-1)
      if (prev)
        s.heads.set(head.streamId, { version: prev.version, hash: prev.hash, position: prev.position })
    })
    expect(await Effect.runPromise(checkAnchor(store, anchor, "anchor-secret"))).toMatchObject({
      streamId: "002/2026",
      reason: "tail-cut",
    })
  })
})
