/**
 * A published disclosure by its document hash: readable without a key, immutable and cacheable by
 * any HTTP cache, the same bytes for as long as the ledger exists — even after later adjustments and
 * a newer publication — while every other read still needs a key.
 */
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import { newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const D = "/v1/departments/002/years/2026"
const P = "/v1/public/departments/002/years/2026/publications"

describe("GET /v1/public/…/publications/{documentHash}", () => {
  it("serves the sealed document without a key, public and immutable, and keeps serving it after a newer publication", async () => {
    const h = await makeHarness()
    const first = await h.call(`${D}/publish`, { method: "POST", key: h.keys.writer })
    expect([200, 201]).toContain(first.status)
    const seal = (await first.json()) as { documentHash: string }

    const published = await h.call(`${D}/disclosure?asOf=published`, { key: h.keys.auditor })
    expect(published.headers.get("link")).toBe(`<${P}/${seal.documentHash}>; rel="canonical"`)
    const text = await published.text()

    const open = await h.call(`${P}/${seal.documentHash}`)
    expect(open.status).toBe(200)
    expect(open.headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
    expect(open.headers.get("etag")).toBe(`"${seal.documentHash}"`)
    expect(await open.text()).toBe(text)
    const revalidated = await h.call(`${P}/${seal.documentHash}`, {
      headers: { "if-none-match": `"${seal.documentHash}"` },
    })
    expect(revalidated.status).toBe(304)
    const html = await h.call(`${P}/${seal.documentHash}?format=html`)
    expect(html.status).toBe(200)
    expect(html.headers.get("content-type")).toMatch(/^text\/html/)

    // Later adjustments and a newer publication: the old URL still serves the old document.
    const appended = await h.call(`${D}/events`, {
      ...postJson({ events: [newAppropriation("after-seal")] }, { "idempotency-key": "after-seal" }),
      key: h.keys.writer,
    })
    expect(appended.status).toBe(201)
    const second = await h.call(`${D}/publish`, {
      ...postJson({}, { "idempotency-key": "second-seal" }),
      key: h.keys.writer,
    })
    expect([200, 201]).toContain(second.status)
    const newer = (await second.json()) as { documentHash: string }
    expect(newer.documentHash).not.toBe(seal.documentHash)
    expect(await (await h.call(`${P}/${seal.documentHash}`)).text()).toBe(text)
    const fresh = (await (await h.call(`${P}/${newer.documentHash}`)).json()) as { documentHash: string }
    expect(fresh.documentHash).toBe(newer.documentHash)
  })

  it("answers 404 for a hash no publication sealed, 400 for a malformed one, and keeps every other read behind a key", async () => {
    const h = await makeHarness()
    expect((await h.call(`${P}/${"0".repeat(64)}`)).status).toBe(404)
    expect((await h.call(`${P}/not-a-hash`)).status).toBe(400)
    expect((await h.call(`${D}/disclosure?asOf=published`)).status).toBe(401)
    expect((await h.call(`${D}/events`)).status).toBe(401)
  })
})
