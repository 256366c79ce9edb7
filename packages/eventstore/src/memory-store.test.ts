/** Runs the port's contract against the in-memory store, plus its tamper detection through the test hook. */
import { describe, expect, it } from "vitest"
import { chainCanonical, Expected, makeMemoryEventStore, sha256Hex } from "./index.ts"
import type { MemoryEventStore, StoredRow } from "./index.ts"
import { event, events, freshKey, request, run, runError, runEventStoreContract } from "./testing/index.ts"

runEventStoreContract("memory", () => Promise.resolve(makeMemoryEventStore()))

const seeded = async (): Promise<{ store: MemoryEventStore; positions: ReadonlyArray<number> }> => {
  const store = makeMemoryEventStore()
  await run(store.append(request("other/2026", Expected.noStream, events(2)), { idempotencyKey: freshKey() }))
  const r = await run(
    store.append(request("002/2026", Expected.noStream, events(4)), { idempotencyKey: freshKey() }),
  )
  return { store, positions: r.positions }
}

const replaceRow = (store: MemoryEventStore, position: number, edit: (row: StoredRow) => StoredRow) =>
  store.unsafeTamper((s) => {
    s.rows = s.rows.map((r) => (r.position === position ? edit(r) : r))
  })

describe("memory store tamper detection", () => {
  it("names a modified payload", async () => {
    const { store, positions } = await seeded()
    const p = positions[1] ?? 0
    replaceRow(store, p, (r) => ({
      ...r,
      canonical: r.canonical.replace('"amount":"2.00"', '"amount":"9.00"'),
    }))
    expect(await run(store.verify())).toMatchObject({
      ok: false,
      position: p,
      version: 2,
      reason: "payload-modified",
    })
  })

  it("names a payload modified together with its hash, at the modified event", async () => {
    const { store, positions } = await seeded()
    const p = positions[1] ?? 0
    replaceRow(store, p, (r) => {
      const canonical = r.canonical.replace('"amount":"2.00"', '"amount":"9.00"')
      return { ...r, canonical, hash: sha256Hex(canonical) }
    })
    const result = await run(store.verify())
    expect(result).toMatchObject({ ok: false, streamId: "002/2026" })
    if (!result.ok) expect(result.position).toBeGreaterThanOrEqual(p)
  })

  it("names a deleted event", async () => {
    const { store, positions } = await seeded()
    store.unsafeTamper((s) => {
      s.rows = s.rows.filter((r) => r.position !== positions[1])
    })
    expect(await run(store.verify())).toMatchObject({
      ok: false,
      position: positions[2],
      reason: "event-deleted",
    })
  })

  it("names a deleted last event", async () => {
    const { store, positions } = await seeded()
    store.unsafeTamper((s) => {
      s.rows = s.rows.filter((r) => r.position !== positions[3])
    })
    expect(await run(store.verify())).toMatchObject({
      ok: false,
      position: positions[3],
      reason: "event-deleted",
    })
  })

  it("names a reordered pair", async () => {
    const { store, positions } = await seeded()
    const [p2, p3] = [positions[1] ?? 0, positions[2] ?? 0]
    store.unsafeTamper((s) => {
      s.rows = s.rows
        .map((r) =>
          r.position === p2 ? { ...r, position: p3 } : r.position === p3 ? { ...r, position: p2 } : r,
        )
        .sort((a, b) => a.position - b.position)
    })
    expect(await run(store.verify())).toMatchObject({
      ok: false,
      position: p2,
      version: 3,
      reason: "reordered",
    })
  })

  it("names an inserted event even when its hash is chained correctly", async () => {
    const { store, positions } = await seeded()
    const stored = await run(store.readStream("002/2026"))
    const last = stored.at(-1)
    const forged = stored[0]
    if (last === undefined || forged === undefined) throw new Error("seed failed")
    const content = (JSON.parse(forged.canonical) as { event: unknown }).event
    const canonical = chainCanonical(JSON.stringify(content), last.hash, 5)
    store.unsafeTamper((s) => {
      const template = s.rows.find((r) => r.position === positions[0])
      if (template)
        s.rows.push({
          ...template,
          position: 99,
          version: 5,
          canonical,
          prevHash: last.hash,
          hash: sha256Hex(canonical),
        })
    })
    expect(await run(store.verify())).toMatchObject({ ok: false, position: 99, reason: "inserted" })
  })

  it("fails reads of a row that is not JSON, or not an event, with LedgerIntegrity naming its position", async () => {
    const { store, positions } = await seeded()
    const p = positions[1] ?? 0
    replaceRow(store, p, (r) => ({ ...r, canonical: r.canonical.slice(0, 20) }))
    const integrity = { _tag: "LedgerIntegrity", position: p, reason: "payload-modified" }
    expect(await runError(store.readStream("002/2026"))).toMatchObject(integrity)
    expect(await runError(store.readAll())).toMatchObject(integrity)
    expect(await run(store.verify())).toMatchObject({ ok: false, position: p, reason: "payload-modified" })
    const q = positions[2] ?? 0
    replaceRow(store, q, (r) => ({ ...r, canonical: '{"event":{"type":"t"},"version":3}' }))
    expect(await runError(store.readAll({ fromPosition: p }))).toMatchObject({
      _tag: "LedgerIntegrity",
      position: q,
      version: 3,
    })
  })

  it("reports ok on untampered data and counts events", async () => {
    const { store } = await seeded()
    expect(await run(store.verify())).toEqual({ ok: true, checked: 6, streams: 2 })
    await run(store.append(request("002/2026", Expected.any, [event(9)]), { idempotencyKey: freshKey() }))
    expect(await run(store.verify())).toEqual({ ok: true, checked: 7, streams: 2 })
  })
})
