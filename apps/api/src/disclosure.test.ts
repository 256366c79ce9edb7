/**
 * Reading disclosures over HTTP: ETag and 304, caching of immutable versions, format negotiation,
 * cell provenance that adds back up to the printed figure, the diff between published and current
 * naming the adjusted cells, and the auditor's checks and reconcile.
 */
import { Money } from "@ledger/domain"
import { checkDisclosure } from "@ledger/audit"
import { AsOf, buildDisclosure, foldLogged } from "@ledger/projections"
import type { CellProvenance, Disclosure, DisclosureDiff } from "@ledger/projections"
import { Effect, Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { referenceKnownDefectsPath } from "@ledger/projections/testing"
import { knownDefectsOf } from "./config.ts"
import { fixtureEvents, makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { publishedText } from "./testing-fixtures/requests.ts"

const D = "/v1/departments/002/years/2026"
let h: Harness
beforeAll(async () => {
  h = await makeHarness()
})
const get = (path: string, headers: Record<string, string> = {}) =>
  h.call(path, { headers, key: h.keys.auditor })
const doc = async (asOf: string): Promise<Disclosure> =>
  (await (await get(`${D}/disclosure?asOf=${asOf}`)).json()) as Disclosure

describe("disclosure", () => {
  it("ETag is the document hash; If-None-Match answers 304; every read is private, published and current revalidate", async () => {
    const r = await get(`${D}/disclosure?asOf=published`)
    expect(r.status).toBe(200)
    const body = (await r.json()) as Disclosure
    expect(r.headers.get("etag")).toBe(`"${body.documentHash}"`)
    expect(r.headers.get("cache-control")).toBe("private, no-cache")
    const again = await get(`${D}/disclosure?asOf=published`, { "if-none-match": `"${body.documentHash}"` })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe("")
    const current = await get(`${D}/disclosure`)
    expect(current.headers.get("cache-control")).toBe("private, no-cache")
    const currentHash = ((await current.json()) as Disclosure).documentHash
    expect(currentHash).not.toBe(body.documentHash)
    expect((await get(`${D}/disclosure`, { "if-none-match": `"${body.documentHash}"` })).status).toBe(200)
  })

  it("the same bytes for the same point, every time (cache or replay)", async () => {
    const a = await (await get(`${D}/disclosure?asOf=published`)).text()
    const b = await (await get(`${D}/disclosure?asOf=published`)).text()
    expect(a).toBe(b)
  })

  it("a position is the state up to that event", async () => {
    const published = await doc("published")
    const byPosition = await doc(String(published.asOf.position))
    expect(byPosition.documentHash).toBe(published.documentHash)
  })

  it("negotiates the format by `format` or by Accept", async () => {
    const html = await get(`${D}/disclosure?format=html`)
    expect(html.headers.get("content-type")).toMatch(/^text\/html/)
    const txt = await get(`${D}/disclosure`, { accept: "text/plain" })
    expect(txt.headers.get("content-type")).toMatch(/^text\/plain/)
    const xlsx = await get(`${D}/disclosure?format=xlsx`)
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])) // a zip
    expect(xlsx.headers.get("etag")).toMatch(/\.xlsx"$/)
    expect((await get(`${D}/disclosure`, { accept: "image/png" })).status).toBe(406)
    expect((await get(`${D}/disclosure?format=docx`)).status).toBe(400)
  })

  it("404 for an unknown department or year, 400 for a malformed asOf", async () => {
    expect((await get("/v1/departments/777/years/2026/disclosure")).status).toBe(404)
    expect((await get("/v1/departments/002/years/2031/disclosure")).status).toBe(404)
    const bad = await get(`${D}/disclosure?asOf=yesterday`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues[0]?.path).toBe("query.asOf")
  })
})

describe("provenance", () => {
  it("every amount cell of table 1 adds back up from its lines and their events to the printed figure", async () => {
    const current = await doc("current")
    const t1 = current.tables.find((t) => t.id === "1")
    expect(t1).toBeDefined()
    let traced = 0
    for (const [row, r] of (t1?.rows ?? []).entries()) {
      for (const [col, printed] of r.cells.entries()) {
        if (r.cellLines?.[col] == null || printed === "") continue
        const p = (await (await get(`${D}/disclosure/cells/1/${row}/${col}`)).json()) as CellProvenance
        expect(p.printed).toBe(printed)
        expect(p.lines.map((l) => l.lineId).sort()).toEqual([...(r.cellLines[col] ?? [])].sort())
        const sum = Money.sum(p.lines.map((l) => Money.make(l.amount)))
        expect(p.sumYuan).toBe(sum)
        expect(Money.toWanCell(sum)).toBe(printed)
        expect(p.matchesPrinted).toBe(true)
        for (const l of p.lines)
          expect(Money.sum(l.contributions.map((c) => Money.make(c.amount)))).toBe(l.amount)
        // the rounding: printed 万元 × 10000 − exact 元 sum
        expect(Money.add(sum, Money.make(p.roundingYuan))).toBe(Money.make(`${printed.replace(".", "")}00`))
        traced++
      }
    }
    expect(traced).toBeGreaterThan(5)
  })

  it("an out-of-range cell is a 404 problem", async () => {
    const r = await get(`${D}/disclosure/cells/1/9999/0`)
    expect(r.status).toBe(404)
    expect(r.headers.get("content-type")).toMatch(/problem\+json/)
  })
})

describe("diff", () => {
  it("between published and current names every cell the later adjustments changed, with those events", async () => {
    const d = (await (await get(`${D}/diff?from=published&to=current`)).json()) as DisclosureDiff
    const published = await doc("published")
    const current = await doc("current")
    expect(d.from.documentHash).toBe(published.documentHash)
    expect(d.to.documentHash).toBe(current.documentHash)
    expect(d.cells.length).toBeGreaterThan(0)
    const after = fixtureEvents().slice(
      fixtureEvents().findIndex((e) => e["type"] === "DisclosurePublished") + 1,
    )
    const adjustedIds = new Set(after.map((e) => e["eventId"] as string))
    for (const c of d.cells) {
      const oldRow =
        c.fromRow === null ? undefined : published.tables.find((t) => t.id === c.table)?.rows[c.fromRow]
      const newRow =
        c.toRow === null ? undefined : current.tables.find((t) => t.id === c.table)?.rows[c.toRow]
      expect(c.old).toBe(oldRow?.cells[c.col] ?? "")
      expect(c.new).toBe(newRow?.cells[c.col] ?? "")
      if (c.lineIds.length > 0) {
        expect(c.events.length).toBeGreaterThan(0)
        for (const e of c.events) expect(adjustedIds.has(e.eventId)).toBe(true)
      }
    }
    const touched = new Set(d.cells.flatMap((c) => c.events.map((e) => e.eventId)))
    for (const id of adjustedIds) expect(touched.has(id)).toBe(true)
  })

  it("a point against itself has no changes", async () => {
    const d = (await (await get(`${D}/diff?from=published&to=published`)).json()) as DisclosureDiff
    expect(d.cells).toEqual([])
    expect(d.narrative).toEqual([])
  })
})

describe("audit engine routes", () => {
  it("checks answer what @ledger/audit checkDisclosure says of the same document and state", async () => {
    const r = await get(`${D}/checks?asOf=published`)
    expect(r.status).toBe(200)
    const events = await Effect.runPromise(h.service.loggedEvents("002", 2026))
    const published = events.slice(
      0,
      events.findLastIndex((e) => e.event.type === "DisclosurePublished"),
    )
    const built = buildDisclosure(events, AsOf.published)
    if (Result.isFailure(built)) throw new Error(String(built.failure))
    // The harness serves the reference with its registry (LEDGER_KNOWN_DEFECTS), as checkDisclosure is given it.
    const known = knownDefectsOf({ knownDefects: referenceKnownDefectsPath })
    const expected = checkDisclosure(built.success, foldLogged(published), known)
    expect(await r.json()).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(expected.passed.length + new Set(expected.findings.map((f) => f.rule)).size).toBeGreaterThan(0)
  })

  it("reconcile of the published text lists discrepancies with rule, place, published and ledger values", async () => {
    const r = await h.call(`${D}/reconcile`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: publishedText(),
      key: h.keys.auditor,
    })
    expect(r.status).toBe(200)
    const body = (await r.json()) as { discrepancies: Array<Record<string, unknown>> }
    expect(body.discrepancies.length).toBeGreaterThan(0)
    for (const d of body.discrepancies)
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining(["rule", "place", "published", "ledger", "message"]),
      )
  })

  it("reconcile of text that is not a disclosure is a 4xx problem, not a 500", async () => {
    const r = await h.call(`${D}/reconcile`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
      key: h.keys.auditor,
    })
    expect(r.status).toBeGreaterThanOrEqual(200)
    expect(r.status).toBeLessThan(500)
  })
})
