/**
 * Publishing a finance system can retry: the existing seal for an unchanged state or a repeated
 * Idempotency-Key, version conflicts, the publication date, the checks gate with force, and a stale
 * expectedVersion on a batch of duplicates.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const BASE = "/v1/departments/002/years/2026"
const head = async (h: Harness) => (await Effect.runPromise(h.store.head("002/2026")))?.version ?? 0

const publish = (h: Harness, body?: unknown, headers: Record<string, string> = {}, query = "") =>
  h.call(`${BASE}/publish${query}`, {
    method: "POST",
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    key: h.keys.writer,
  })

interface SealBody {
  documentHash: string
  streamVersion: number
  appended: number
  publishedVersion: number
  publishedOn: string
  forced?: { errors: number; rules: Array<string> }
}

describe("POST …/publish", () => {
  it("republishing an unchanged state answers the existing seal (200), never a second one", async () => {
    const h = await makeHarness()
    await h.call(`${BASE}/events`, {
      ...postJson({ events: [newAppropriation("pub-1")] }, { "idempotency-key": "pub-1" }),
      key: h.keys.writer,
    })
    const first = await publish(h, { date: "2026-02-06" })
    expect(first.status).toBe(201)
    const seal = (await first.json()) as SealBody
    expect(seal).toMatchObject({ appended: 1, publishedOn: "2026-02-06" })
    const version = await head(h)
    const again = await publish(h)
    expect(again.status).toBe(200)
    const second = (await again.json()) as SealBody
    expect(second).toEqual({ ...seal, appended: 0 })
    expect(await head(h)).toBe(version)
    // the caller's expectation from before the first seal still answers that seal
    const retried = await publish(h, { expectedVersion: seal.streamVersion })
    expect(retried.status).toBe(200)
    expect(((await retried.json()) as SealBody).documentHash).toBe(seal.documentHash)
  })

  it("a retry with the same Idempotency-Key answers the first seal even after later events", async () => {
    const h = await makeHarness()
    const first = (await (await publish(h, undefined, { "idempotency-key": "pub-k" })).json()) as SealBody
    await h.call(`${BASE}/events`, {
      ...postJson({ events: [newAppropriation("after")] }, { "idempotency-key": "after" }),
      key: h.keys.writer,
    })
    const version = await head(h)
    const retry = await publish(h, undefined, { "idempotency-key": "pub-k" })
    expect(retry.status).toBe(200)
    expect((await retry.json()) as SealBody).toEqual({ ...first, appended: 0 })
    expect(await head(h)).toBe(version)
  })

  it("a stale expectedVersion or If-Match is 409 and writes nothing; the current one seals", async () => {
    const h = await makeHarness()
    await h.call(`${BASE}/events`, {
      ...postJson({ events: [newAppropriation("v")] }, { "idempotency-key": "v" }),
      key: h.keys.writer,
    })
    const version = await head(h)
    const stale = await publish(h, { expectedVersion: version - 1 })
    expect(stale.status).toBe(409)
    const staleMatch = await publish(h, undefined, { "if-match": `"${version - 1}"` })
    expect(staleMatch.status).toBe(409)
    expect(await head(h)).toBe(version)
    const ok = await publish(h, undefined, { "if-match": `"${version}"` })
    expect(ok.status).toBe(201)
  })

  it("publishes the reference department's current state: its only check errors are labelled known defects", async () => {
    const h = await makeHarness()
    const checks = (await (await h.call(`${BASE}/checks`, { key: h.keys.writer })).json()) as {
      findings: Array<{ severity: string; knownDefect?: number }>
    }
    const errors = checks.findings.filter((f) => f.severity === "error")
    expect(errors.length).toBeGreaterThan(0)
    for (const f of errors) expect(f.knownDefect).toBeDefined()
    const r = await publish(h)
    expect(r.status).toBe(201)
    expect(((await r.json()) as SealBody).forced).toBeUndefined()
  })

  it("without LEDGER_KNOWN_DEFECTS nothing is labelled: the reference's errors refuse the publication", async () => {
    const h = await makeHarness({ knownDefects: false })
    const checks = (await (await h.call(`${BASE}/checks`, { key: h.keys.writer })).json()) as {
      findings: Array<{ severity: string; knownDefect?: number }>
    }
    expect(checks.findings.some((f) => f.severity === "error")).toBe(true)
    expect(checks.findings.every((f) => f.knownDefect === undefined)).toBe(true)
    const version = await head(h)
    const r = await publish(h)
    expect(r.status).toBe(422)
    expect(((await r.json()) as { type: string }).type).toMatch(/checks-failed/)
    expect(await head(h)).toBe(version)
  })
})

describe("writers run the checks of their own departments", () => {
  it("a writer of 002 may GET …/checks; a writer of another department may not", async () => {
    const h = await makeHarness()
    expect((await h.call(`${BASE}/checks`, { key: h.keys.writer })).status).toBe(200)
    expect((await h.call(`${BASE}/checks`, { key: h.keys.otherWriter })).status).toBe(403)
  })
})

describe("a stale expectedVersion on a batch of duplicates", () => {
  it("is a 409 version-conflict, not a 201 with fromVersion above toVersion", async () => {
    const h = await makeHarness()
    const event = newAppropriation("dup")
    const first = await h.call(`${BASE}/events`, {
      ...postJson({ events: [event] }, { "idempotency-key": "dup-1" }),
      key: h.keys.writer,
    })
    expect(first.status).toBe(201)
    const version = await head(h)
    const again = await h.call(`${BASE}/events`, {
      ...postJson({ events: [event], expectedVersion: version - 5 }, { "idempotency-key": "dup-2" }),
      key: h.keys.writer,
    })
    expect(again.status).toBe(409)
    const current = await h.call(`${BASE}/events`, {
      ...postJson({ events: [event], expectedVersion: version }, { "idempotency-key": "dup-3" }),
      key: h.keys.writer,
    })
    expect(current.status).toBe(201)
    expect(await current.json()).toMatchObject({ appended: 0, skipped: 1 })
    // a retried request answers its original result
    const retry = await h.call(`${BASE}/events`, {
      ...postJson({ events: [event] }, { "idempotency-key": "dup-1" }),
      key: h.keys.writer,
    })
    expect(retry.status).toBe(201)
  })
})
