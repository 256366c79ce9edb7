/**
 * Tampered history is never served: after an amount inside a stored event is changed behind the
 * store's back (in memory and in embedded PostgreSQL), every read that builds a document —
 * disclosure, cell provenance, checks — answers 503 `ledger-integrity` naming stream and position,
 * nothing is cached, and publishing (or appending) is refused. A forged seal is refused too: a
 * writer cannot post `DisclosurePublished`, and "as published" must match the seal it carries.
 */
import { makeMemoryEventStore } from "@ledger/eventstore"
import type { EventStoreShape, MemoryEventStore } from "@ledger/eventstore"
import { makeKyselyEventStore, openPglite } from "@ledger/store-postgres"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import { fixtureEvent, newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const D = "/v1/departments/002/years/2026"
const STREAM = "002/2026"
/** Changes the first amount of a stored appropriation (or, `cut`, cuts its text to broken JSON). */
type Tamper = (position: number, cut?: boolean) => Promise<void>

interface Backend {
  readonly name: string
  readonly open: () => Promise<{ store: EventStoreShape; tamper: Tamper; close: () => Promise<void> }>
}

const bump = (canonical: string): string => canonical.replace(/"amount":"(\d)/, '"amount":"9$1')

const backends: ReadonlyArray<Backend> = [
  {
    name: "memory",
    open: () => {
      const store: MemoryEventStore = makeMemoryEventStore()
      const tamper: Tamper = (position, cut = false) => {
        store.unsafeTamper((s) => {
          s.rows = s.rows.map((r) =>
            r.position === position
              ? { ...r, canonical: cut ? r.canonical.slice(0, 40) : bump(r.canonical) }
              : r,
          )
        })
        return Promise.resolve()
      }
      return Promise.resolve({ store, tamper, close: () => Promise.resolve() })
    },
  },
  {
    name: "pglite",
    open: async () => {
      const { db, pglite } = await Effect.runPromise(openPglite({}))
      const store = makeKyselyEventStore(db, { destroy: () => db.destroy() })
      const tamper: Tamper = async (position, cut = false) => {
        const edit = cut
          ? "left(canonical, 40)"
          : `regexp_replace(canonical, '"amount":"(\\d)', '"amount":"9\\1')`
        await pglite.exec(`alter table events disable trigger user;
          update events set canonical = ${edit} where position = ${position};
          alter table events enable trigger user;`)
      }
      return { store, tamper, close: () => Effect.runPromise(store.close()) }
    },
  },
]

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const close of closers) await close()
})

describe.each(backends)("tampered history on $name", (backend) => {
  it("is refused by every document read, by publish and by appends, naming stream and position; nothing is cached", async () => {
    const { store, tamper, close } = await backend.open()
    closers.push(close)
    const h = await makeHarness({ store })
    const stored = await Effect.runPromise(store.readStream(STREAM))
    const target = stored.find((e) => e.type === "AppropriationRecorded")
    if (target === undefined) throw new Error("no appropriation stored")
    await tamper(target.position)
    expect(
      (await Effect.runPromise(store.readStream(STREAM))).find((e) => e.position === target.position)
        ?.canonical,
    ).not.toBe(target.canonical)

    const refused = async (response: Response | Promise<Response>) => {
      const r = await response
      expect(r.status).toBe(503)
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/)
      expect(r.headers.get("cache-control") ?? "").not.toMatch(/public|immutable/)
      const body = (await r.json()) as { type: string; detail: string }
      expect(body.type).toMatch(/\/ledger-integrity$/)
      expect(body.detail).toContain(`stream ${STREAM}`)
      expect(body.detail).toContain(`position ${target.position}`)
    }
    const get = (path: string) => h.call(path, { key: h.keys.auditor })
    await refused(get(`${D}/disclosure?asOf=published`))
    await refused(get(`${D}/disclosure?asOf=published`))
    await refused(get(`${D}/disclosure`))
    await refused(get(`${D}/disclosure/cells/1/5/1`))
    await refused(get(`${D}/checks`))
    await refused(h.call(`${D}/publish`, { method: "POST", key: h.keys.writer }))
    await refused(
      h.call(`${D}/events`, {
        ...postJson({ events: [newAppropriation("after-tamper")] }, { "idempotency-key": "after-tamper" }),
        key: h.keys.writer,
      }),
    )
    // Nothing was appended: not the seal, not the event.
    expect((await Effect.runPromise(store.readStream(STREAM))).length).toBe(stored.length)
  }, 180_000)

  it("a stored row that is not JSON is broken history (503 ledger-integrity naming its position), not an unavailable store", async () => {
    const { store, tamper, close } = await backend.open()
    closers.push(close)
    const h = await makeHarness({ store })
    const stored = await Effect.runPromise(store.readStream(STREAM))
    const target = stored.find((e) => e.type === "AppropriationRecorded")
    if (target === undefined) throw new Error("no appropriation stored")
    await tamper(target.position, true)
    const fresh = await makeHarness({ store, fixture: false })
    for (const r of [
      await fresh.call(`${D}/disclosure?asOf=published`, { key: fresh.keys.auditor }),
      await h.call(`${D}/checks`, { key: h.keys.auditor }),
      await h.call(`${D}/publish`, { method: "POST", key: h.keys.writer }),
    ]) {
      expect(r.status).toBe(503)
      const body = (await r.json()) as { type: string; detail: string; issues: Array<{ message: string }> }
      expect(body.type).toMatch(/\/ledger-integrity$/)
      expect(body.detail).toContain(`position ${target.position}`)
      expect(body.detail).toMatch(/malformed/)
    }
  }, 180_000)
})

describe("seals", () => {
  it("a writer cannot post DisclosurePublished through /events; nothing is written", async () => {
    const h = await makeHarness()
    const before = (await Effect.runPromise(h.store.readStream(STREAM))).length
    const forged = {
      ...fixtureEvent("DisclosurePublished"),
      eventId: "evt-forged-seal-post",
      idempotencyKey: "forged-seal",
      data: { template: "shanxi-county-13", documentHash: "0".repeat(64) },
    }
    const r = await h.call(`${D}/events`, {
      ...postJson({ events: [newAppropriation("with-seal"), forged] }, { "idempotency-key": "forged-seal" }),
      key: h.keys.writer,
    })
    expect(r.status).toBe(422)
    const body = (await r.json()) as { type: string; issues: Array<{ path: string; rule?: string }> }
    expect(body.type).toMatch(/\/rule-violation$/)
    expect(body.issues).toEqual([expect.objectContaining({ path: "events[1].type", rule: "PublishOnly" })])
    expect((await Effect.runPromise(h.store.readStream(STREAM))).length).toBe(before)
  })

  it("as published is served only when the rebuilt document matches the seal", async () => {
    const h = await makeHarness()
    const published = await h.call(`${D}/publish`, { method: "POST", key: h.keys.writer })
    expect(published.status).toBe(201)
    const seal = (await published.json()) as { documentHash: string }
    const served = await h.call(`${D}/disclosure?asOf=published`, { key: h.keys.auditor })
    expect(served.status).toBe(200)
    expect(((await served.json()) as { documentHash: string }).documentHash).toBe(seal.documentHash)
    // An operator import carries a publication whose seal names another document.
    const line = JSON.stringify({
      ...fixtureEvent("DisclosurePublished"),
      eventId: "evt-forged-seal",
      idempotencyKey: "002/2026/published/forged",
      data: { template: "shanxi-county-13", documentHash: "f".repeat(64) },
    })
    await Effect.runPromise(h.service.importNdjson(line, { idempotencyKey: "forged-import" }))
    // A fresh process (the import was made behind this one's remembered head).
    const fresh = await makeHarness({ store: h.store, fixture: false })
    const mismatch = await fresh.call(`${D}/disclosure?asOf=published`, { key: fresh.keys.auditor })
    expect(mismatch.status).toBe(503)
    const problem = (await mismatch.json()) as { detail: string; issues: Array<{ message: string }> }
    expect(problem.issues[0]?.message).toBe("seal-mismatch")
    expect(problem.detail).toContain("f".repeat(64))
  })
})
