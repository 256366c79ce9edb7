/**
 * Anchors catch what `verify` alone cannot: a chain rewritten from the start (every hash and the
 * head recomputed) and a cut tail (head moved back). A tampered or wrongly signed anchor is refused.
 */
import { describe, expect, it } from "vitest"
import {
  chainCanonical,
  checkAnchor,
  Expected,
  GENESIS_HASH,
  makeAnchor,
  makeMemoryEventStore,
  sha256Hex,
} from "./index.ts"
import { events, freshKey, request, run } from "./testing/index.ts"

const seeded = async () => {
  const store = makeMemoryEventStore()
  await run(store.append(request("a/2026", Expected.noStream, events(4)), { idempotencyKey: freshKey() }))
  await run(store.append(request("b/2026", Expected.noStream, events(2)), { idempotencyKey: freshKey() }))
  const anchor = makeAnchor(await run(store.listStreams()), "2026-11-30T00:00:00.000Z", "secret")
  return { store, anchor }
}

describe("anchors", () => {
  it("an untouched store agrees with its anchor, signed and unsigned", async () => {
    const { store, anchor } = await seeded()
    expect(anchor.heads).toHaveLength(2)
    expect(await run(checkAnchor(store, anchor, "secret"))).toBeUndefined()
    await run(
      store.append(request("a/2026", Expected.exact(4), events(1, 5)), { idempotencyKey: freshKey() }),
    )
    expect(await run(checkAnchor(store, anchor, "secret"))).toBeUndefined()
  })

  it("detects a whole-chain rewrite that verify alone accepts", async () => {
    const { store, anchor } = await seeded()
    store.unsafeTamper((s) => {
      let prev = GENESIS_HASH
      s.rows = s.rows.map((r) => {
        if (r.streamId !== "a/2026") return r
        const event = (JSON.parse(r.canonical) as { event: string }).event
        const content = JSON.stringify(event).replace(/"amount":"[^"]*"/, '"amount":"999.00"')
        const canonical = chainCanonical(content, prev, r.version)
        const hash = sha256Hex(canonical)
        const row = { ...r, canonical, prevHash: prev, hash }
        prev = hash
        s.heads.set("a/2026", { version: r.version, hash, position: r.position })
        return row
      })
    })
    expect(await run(store.verify())).toMatchObject({ ok: true })
    expect(await run(checkAnchor(store, anchor, "secret"))).toMatchObject({
      streamId: "a/2026",
      version: 4,
      reason: "chain-rewritten",
    })
  })

  it("detects a cut tail, a tampered anchor and a wrong key", async () => {
    const { store, anchor } = await seeded()
    expect(await run(checkAnchor(store, { ...anchor, heads: anchor.heads.slice(1) }))).toMatchObject({
      reason: "anchor-tampered",
    })
    expect(await run(checkAnchor(store, anchor, "other key"))).toMatchObject({ reason: "bad-signature" })
    store.unsafeTamper((s) => {
      s.rows = s.rows.filter((r) => !(r.streamId === "a/2026" && r.version === 4))
      const third = s.rows.find((r) => r.streamId === "a/2026" && r.version === 3)
      if (third) s.heads.set("a/2026", { version: 3, hash: third.hash, position: third.position })
    })
    expect(await run(store.verify())).toMatchObject({ ok: true })
    expect(await run(checkAnchor(store, anchor, "secret"))).toMatchObject({
      streamId: "a/2026",
      reason: "tail-cut",
    })
  })
})
