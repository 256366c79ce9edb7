/**
 * The published document for the public: `GET /v1/public/departments/{code}/years/{year}/disclosure`
 * without a key in every format (JSON, a Fiscal Data Package, NDJSON of the lines, PDF when Chromium
 * is installed), cacheable by hash and linking to the immutable by-hash URL — which also serves a
 * publication imported without a seal. And the years of a department: both reference years with
 * their totals, 2026 deriving its prior-year figures from the 2025 publication.
 */
import { existsSync, readFileSync } from "node:fs"
import { fixture2025Path } from "@ledger/projections/testing"
import { Effect } from "effect"
import { unzipSync } from "fflate"
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"

const PUB = "/v1/public/departments/002/years/2026/disclosure"

/** The harness with 2025 imported before 2026, as `pnpm start` loads them. */
const twoYears = async () => {
  const h = await makeHarness({ fixture: false })
  const text2026 = readFileSync(
    new URL("../../../fixtures/tunliu-government-office/events.ndjson", import.meta.url),
    "utf8",
  )
  for (const [i, t] of [readFileSync(fixture2025Path, "utf8"), text2026].entries())
    await Effect.runPromise(h.service.importNdjson(t, { idempotencyKey: `y${i}`, actor: "test" }))
  return h
}

describe("GET /v1/public/departments/{code}/years/{year}/disclosure", () => {
  it("serves the as-published document without a key, ETag = hash, linking to the by-hash URL", async () => {
    const h = await makeHarness()
    const open = await h.call(PUB)
    expect(open.status).toBe(200)
    const doc = (await open.json()) as { documentHash: string; asOf: string }
    const keyed = (await (
      await h.call("/v1/departments/002/years/2026/disclosure?asOf=published", { key: h.keys.auditor })
    ).json()) as { documentHash: string }
    expect(doc.documentHash).toBe(keyed.documentHash)
    expect(open.headers.get("etag")).toBe(`"${doc.documentHash}"`)
    expect(open.headers.get("cache-control")).toBe("public, no-cache")
    const canonical = /^<([^>]+)>; rel="canonical"$/.exec(open.headers.get("link") ?? "")?.[1] ?? ""
    expect(canonical).toBe(`/v1/public/departments/002/years/2026/publications/${doc.documentHash}`)
    // The fixture's publication carries no seal: the by-hash URL finds it by rebuilding it.
    const byHash = await h.call(canonical)
    expect(byHash.status).toBe(200)
    expect(((await byHash.json()) as { documentHash: string }).documentHash).toBe(doc.documentHash)
    expect((await h.call(PUB, { headers: { "if-none-match": `"${doc.documentHash}"` } })).status).toBe(304)
  })

  it("serves the Fiscal Data Package and the NDJSON lines of the same document", async () => {
    const h = await makeHarness()
    const fdp = await h.call(`${PUB}?format=fdp`)
    expect(fdp.status).toBe(200)
    expect(fdp.headers.get("content-type")).toBe("application/vnd.fiscal-data-package+zip")
    const files = unzipSync(new Uint8Array(await fdp.arrayBuffer()))
    const descriptor = JSON.parse(new TextDecoder().decode(files["datapackage.json"])) as {
      documentHash: string
    }
    const etag = fdp.headers.get("etag") ?? ""
    expect(etag).toBe(`"${descriptor.documentHash}.fdp"`)
    const csv = new TextDecoder().decode(files["budget-lines.csv"]).trim().split("\r\n")
    const ndjson = await (await h.call(`${PUB}?format=ndjson`)).text()
    const lines = ndjson
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { documentHash: string; lineId: string })
    expect(lines.length).toBe(csv.length - 1)
    expect(lines.every((l) => l.documentHash === descriptor.documentHash)).toBe(true)
  })

  it("refuses a bad format by name and an unpublished year as not-published; other reads keep their key", async () => {
    const h = await makeHarness()
    const bad = await h.call(`${PUB}?format=docx`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain("format")
    const none = await h.call("/v1/public/departments/002/years/2027/disclosure")
    expect(none.status).toBe(404)
    expect((await h.call("/v1/departments/002/years/2026/disclosure?asOf=published")).status).toBe(401)
    expect((await h.call("/v1/departments/002/years")).status).toBe(401)
  })

  it.skipIf(!existsSync("/usr/bin/chromium"))(
    "prints the PDF with the document hash in its metadata",
    async () => {
      const h = await makeHarness()
      const pdf = await h.call(`${PUB}?format=pdf`)
      expect(pdf.status).toBe(200)
      expect(pdf.headers.get("content-type")).toBe("application/pdf")
      const bytes = Buffer.from(await pdf.arrayBuffer())
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
      const hash = (pdf.headers.get("etag") ?? "").replace(/^"|\.pdf"$/g, "")
      // The metadata's DocumentHash entry: a PDF text string (UTF-16BE hex).
      const utf16 = [...hash]
        .map((ch) => ch.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase())
        .join("")
      expect(hash).toMatch(/^[0-9a-f]{64}$/)
      expect(bytes.toString("latin1")).toContain(`/DocumentHash <FEFF${utf16}>`)
    },
    120_000,
  )
})

describe("GET /v1/departments/{code}/years", () => {
  it("lists both reference years with totals now and as published; 2026 derives from the 2025 publication", async () => {
    const h = await twoYears()
    const res = await h.call("/v1/departments/002/years", { key: h.keys.auditor })
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      years: Array<{
        year: number
        published: { documentHash: string; publicUrl: string; totals: { total: string } } | null
        current: { totals: { total: string } }
      }>
    }
    expect(body.years.map((y) => y.year)).toEqual([2025, 2026])
    expect(body.years[0]?.published?.totals.total).toBe("7553660.00")
    expect(body.years[1]?.published?.totals.total).toBe("5655058.00")
    const y2026 = (await (await h.call(PUB)).json()) as {
      documentHash: string
      priorYearSource: { kind: string; documentHash: string }
    }
    expect(y2026.priorYearSource).toEqual({
      kind: "publication",
      year: 2025,
      documentHash: body.years[0]?.published?.documentHash,
    })
    expect(body.years[1]?.published?.documentHash).toBe(y2026.documentHash)
    expect((await h.call(body.years[1]?.published?.publicUrl ?? "")).status).toBe(200)
    expect((await h.call("/v1/departments/002/years", { key: h.keys.otherWriter })).status).toBe(403)
    expect((await h.call("/v1/departments/777/years", { key: h.keys.auditor })).status).toBe(404)
  })
})
