/**
 * The documents cache serves a published version, and the current document, without asking the
 * store on every request, yet an append or publication made through the API is served at once and
 * one made by another process (straight to the store) within the head's time-to-live.
 */
import { readFileSync } from "node:fs"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { EventStoreShape } from "@ledger/eventstore"
import { makeKeyRing } from "@ledger/service"
import { makeDocuments } from "./documents.ts"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const D = "/v1/departments/002/years/2026"
const PUBLISHED = { _tag: "Published" } as const
const CURRENT = { _tag: "Current" } as const

/** The harness's store, counting `head` calls. */
const counting = (store: EventStoreShape) => {
  const calls = { head: 0 }
  const wrapped: EventStoreShape = {
    ...store,
    head: (id) => {
      calls.head++
      return store.head(id)
    },
  }
  return { wrapped, calls }
}

/** Appends one new appropriation straight to the store and publishes, as another process would. */
const publishElsewhere = async (h: Harness, suffix: string) => {
  await Effect.runPromise(
    h.service.append({
      department: "002",
      year: 2026,
      events: [newAppropriation(suffix)],
      idempotencyKey: `elsewhere-${suffix}`,
      actor: "elsewhere",
    }),
  )
  await Effect.runPromise(h.service.publish("002", 2026, { actor: "elsewhere", occurredAt: "2026-09-02" }))
}

describe("makeDocuments", () => {
  it("asks the store for the head at most once per time-to-live for a published version", async () => {
    const h = await makeHarness()
    const { wrapped, calls } = counting(h.store)
    let clock = 0
    const docs = makeDocuments(
      { store: wrapped, service: h.service, keys: makeKeyRing(h.store) },
      { headTtlMs: 1_000, now: () => clock },
    )
    const together = await Promise.all(Array.from({ length: 16 }, () => docs.get("002", 2026, PUBLISHED)))
    const first = together[0]
    for (const d of together) expect(d).toBe(first)
    for (let i = 0; i < 20; i++) expect(await docs.get("002", 2026, PUBLISHED)).toBe(first)
    expect(calls.head).toBe(1)
    clock = 1_001
    expect(await docs.get("002", 2026, PUBLISHED)).toBe(first)
    expect(calls.head).toBe(2)
  })

  it("picks up a publication by another process once the head's time-to-live has passed", async () => {
    const h = await makeHarness()
    let clock = 0
    const docs = makeDocuments(
      { store: h.store, service: h.service, keys: makeKeyRing(h.store) },
      { headTtlMs: 1_000, now: () => clock },
    )
    const before = (await docs.get("002", 2026, PUBLISHED)).doc.documentHash
    await publishElsewhere(h, "elsewhere")
    clock = 999
    expect((await docs.get("002", 2026, PUBLISHED)).doc.documentHash).toBe(before)
    clock = 1_001
    expect((await docs.get("002", 2026, PUBLISHED)).doc.documentHash).not.toBe(before)
  })

  it("re-reads the head for a log position beyond the remembered one", async () => {
    const h = await makeHarness()
    const { wrapped, calls } = counting(h.store)
    const docs = makeDocuments(
      { store: wrapped, service: h.service, keys: makeKeyRing(h.store) },
      { now: () => 0 },
    )
    const head = await Effect.runPromise(h.store.head("002/2026"))
    const position = head?.position ?? 0
    expect((await docs.get("002", 2026, { _tag: "Position", position })).immutable).toBe(true)
    expect((await docs.get("002", 2026, { _tag: "Position", position: position - 1 })).immutable).toBe(true)
    expect(calls.head).toBe(1)
    expect((await docs.get("002", 2026, { _tag: "Position", position: position + 1000 })).immutable).toBe(
      false,
    )
    expect(calls.head).toBe(2)
  })
})

describe("the current document", () => {
  const appendElsewhere = (h: Harness, suffix: string) =>
    Effect.runPromise(
      h.service.append({
        department: "002",
        year: 2026,
        events: [newAppropriation(suffix)],
        idempotencyKey: suffix,
        actor: "elsewhere",
      }),
    )

  it("is built once while no year it reads has moved, and again after any append to one", async () => {
    const h = await makeHarness()
    const docs = makeDocuments(
      { store: h.store, service: h.service, keys: makeKeyRing(h.store) },
      { headTtlMs: 0 },
    )
    const first = await docs.get("002", 2026, CURRENT)
    expect(first.immutable).toBe(false)
    expect(await docs.get("002", 2026, CURRENT)).toBe(first)
    // An append by another process (straight to the store, no forget): with no time-to-live the
    // very next read sees it.
    await appendElsewhere(h, "current-cache")
    const second = await docs.get("002", 2026, CURRENT)
    expect(second).not.toBe(first)
    expect(second.doc.documentHash).not.toBe(first.doc.documentHash)
    expect(await docs.get("002", 2026, CURRENT)).toBe(second)
    // The earlier year arrives: 2026's comparison now reads the ledger-held 2025, so it is rebuilt.
    const y2025 = readFileSync(
      new URL("../../../fixtures/tunliu-government-office/events-2025.ndjson", import.meta.url),
      "utf8",
    )
    await Effect.runPromise(h.service.importNdjson(y2025, { idempotencyKey: "y2025" }))
    const third = await docs.get("002", 2026, CURRENT)
    expect(third).not.toBe(second)
    expect(third.replay.years.has(2025)).toBe(true)
    expect(await docs.get("002", 2026, CURRENT)).toBe(third)
  })

  it("asks the store for its heads at most once per time-to-live, and serves it from peek meanwhile", async () => {
    const h = await makeHarness()
    const { wrapped, calls } = counting(h.store)
    let clock = 0
    const docs = makeDocuments(
      { store: wrapped, service: h.service, keys: makeKeyRing(h.store) },
      { headTtlMs: 1_000, now: () => clock },
    )
    expect(docs.peek("002", 2026, CURRENT)).toBeUndefined()
    const together = await Promise.all(Array.from({ length: 16 }, () => docs.get("002", 2026, CURRENT)))
    const first = together[0]
    for (const d of together) expect(d).toBe(first)
    // One check for all sixteen: 2026's head and 2025's (absent: the fixture holds 2026 only).
    const perCheck = calls.head
    expect(perCheck).toBe(2)
    for (let i = 0; i < 20; i++) expect(await docs.get("002", 2026, CURRENT)).toBe(first)
    expect(docs.peek("002", 2026, CURRENT)).toBe(first)
    expect(calls.head).toBe(perCheck)
    clock = 1_001
    expect(docs.peek("002", 2026, CURRENT)).toBeUndefined()
    expect(await docs.get("002", 2026, CURRENT)).toBe(first)
    expect(calls.head).toBe(2 * perCheck)
    expect(docs.peek("002", 2026, CURRENT)).toBe(first)
  })

  it("shows an append by another process within the time-to-live, and one through this process at once", async () => {
    const h = await makeHarness()
    let clock = 0
    const docs = makeDocuments(
      { store: h.store, service: h.service, keys: makeKeyRing(h.store) },
      { headTtlMs: 1_000, now: () => clock },
    )
    const first = await docs.get("002", 2026, CURRENT)
    await appendElsewhere(h, "elsewhere-1")
    clock = 1_000
    expect(await docs.get("002", 2026, CURRENT)).toBe(first)
    clock = 1_001
    const second = await docs.get("002", 2026, CURRENT)
    expect(second.doc.documentHash).not.toBe(first.doc.documentHash)
    // The same append, as the write routes make it: they forget the stream, so the next read re-checks.
    await appendElsewhere(h, "here-1")
    docs.forget("002", 2026)
    expect(docs.peek("002", 2026, CURRENT)).toBeUndefined()
    const third = await docs.get("002", 2026, CURRENT)
    expect(third.doc.documentHash).not.toBe(second.doc.documentHash)
    expect(third.replay.log.length).toBe(second.replay.log.length + 1)
  })

  it("re-reads the heads for a read with a consistency token, whatever it remembers", async () => {
    const h = await makeHarness()
    const { wrapped, calls } = counting(h.store)
    const docs = makeDocuments(
      { store: wrapped, service: h.service, keys: makeKeyRing(h.store) },
      { now: () => 0 },
    )
    const first = await docs.get("002", 2026, CURRENT)
    const before = calls.head
    expect(await docs.get("002", 2026, CURRENT, { minPosition: 1 })).toBe(first)
    expect(calls.head).toBeGreaterThan(before)
  })
})

describe("GET current through the API", () => {
  it("serves an append made through the API at once, and the cached document until then", async () => {
    const h = await makeHarness()
    const get = () => h.call(`${D}/disclosure`, { key: h.keys.auditor })
    const first = await get()
    const etag = first.headers.get("etag")
    expect((await get()).headers.get("etag")).toBe(etag)
    const appended = await h.call(`${D}/events`, {
      ...postJson(
        { events: [newAppropriation("current-via-api")] },
        { "idempotency-key": "current-via-api" },
      ),
      key: h.keys.writer,
    })
    expect(appended.status).toBe(201)
    const after = await get()
    expect(after.headers.get("etag")).not.toBe(etag)
    const position = Number(after.headers.get("ledger-position"))
    expect(position).toBe(((await appended.json()) as { lastPosition: number }).lastPosition)
  })
})

describe("GET published through the API", () => {
  it("serves a publication made through the API at once, with a new ETag and the same bytes when repeated", async () => {
    const h = await makeHarness()
    const get = () => h.call(`${D}/disclosure?asOf=published`, { key: h.keys.auditor })
    const old = await get()
    const oldEtag = old.headers.get("etag")
    const appended = await h.call(`${D}/events`, {
      ...postJson({ events: [newAppropriation("via-api")] }, { "idempotency-key": "via-api" }),
      key: h.keys.writer,
    })
    expect(appended.status).toBe(201)
    expect((await get()).headers.get("etag")).toBe(oldEtag)
    const published = await h.call(`${D}/publish`, { method: "POST", key: h.keys.writer })
    expect(published.status).toBe(201)
    const seal = (await published.json()) as { documentHash: string }
    const fresh = await get()
    expect(fresh.headers.get("etag")).toBe(`"${seal.documentHash}"`)
    expect(fresh.headers.get("etag")).not.toBe(oldEtag)
    const text = await fresh.text()
    expect(await (await get()).text()).toBe(text)
    expect((JSON.parse(text) as { documentHash: string }).documentHash).toBe(seal.documentHash)
  })
})
