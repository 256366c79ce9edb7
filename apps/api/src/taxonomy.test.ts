/**
 * The classification over HTTP: `GET /v1/taxonomy/{year}` lists what budget-ledger holds, and an
 * event with a code outside it is refused with a message that says so and where to add one.
 */
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import { newAppropriation, postJson } from "./testing-fixtures/requests.ts"

interface Listing {
  readonly year: number
  readonly counts: Record<string, number>
  readonly function: ReadonlyArray<{
    code: string
    name: string
    level: string
    source: string
    verify: boolean
  }>
  readonly sources: ReadonlyArray<{ id: string }>
}

describe("GET /v1/taxonomy/{year}", () => {
  it("lists every function and economic code with its level, source and verification flag", async () => {
    const h = await makeHarness({ fixture: false })
    const r = await h.call("/v1/taxonomy/2026", { key: h.keys.writer })
    expect(r.status).toBe(200)
    const body = (await r.json()) as Listing
    expect(body.year).toBe(2026)
    const codes = new Map(body.function.map((e) => [e.code, e]))
    expect(codes.get("21301")).toMatchObject({ name: "农业农村", level: "款", verify: true })
    expect(codes.get("2130101")).toMatchObject({ level: "项" })
    expect(codes.get("2010301")).toMatchObject({ name: "行政运行", verify: false, source: "ref" })
    const sources = new Set(body.sources.map((s) => s.id))
    for (const e of body.function) expect(sources.has(e.source), e.code).toBe(true)
    expect(body.counts["functionXiang"]).toBe(body.function.filter((e) => e.level === "项").length)
  })

  it("answers text with format=txt, unverified entries marked", async () => {
    const h = await makeHarness({ fixture: false })
    const r = await h.call("/v1/taxonomy/2026?format=txt", { key: h.keys.auditor })
    expect(r.headers.get("content-type")).toMatch(/^text\/plain/)
    const text = await r.text()
    expect(text).toMatch(/^ {2}21301 农业农村 {2}\? {2}\[heping-2024-17\]$/m)
    expect(text).toMatch(/^ {4}2010301 行政运行 {2}\[ref\]$/m)
  })

  it("a year without a classification is a 404 naming the years it holds; no key is a 401", async () => {
    const h = await makeHarness({ fixture: false })
    const r = await h.call("/v1/taxonomy/2019", { key: h.keys.admin })
    expect(r.status).toBe(404)
    expect(((await r.json()) as { detail: string }).detail).toContain("2026")
    expect((await h.call("/v1/taxonomy/2026")).status).toBe(401)
  })
})

describe("an unknown code", () => {
  it("is refused saying it is not in the classification budget-ledger holds, and where to add one", async () => {
    const h = await makeHarness()
    const event = newAppropriation("unknown-code") as { data: { line: Record<string, unknown> } }
    event.data.line["functionCode"] = "2139998"
    const r = await h.call("/v1/departments/002/years/2026/events", {
      ...postJson({ events: [event] }, { "idempotency-key": "unknown-code" }),
      key: h.keys.writer,
    })
    expect(r.status).toBe(422)
    const body = (await r.json()) as { issues: ReadonlyArray<{ path: string; message: string }> }
    expect(body.issues[0]?.path).toBe("events[0].data.line.functionCode")
    expect(body.issues[0]?.message).toBe(
      "function code 2139998 is not in the classification budget-ledger holds for 2026 (to add a code, see docs/taxonomy.md)",
    )
  })

  it("2130101 (农业农村 › 行政运行) is accepted", async () => {
    const h = await makeHarness()
    const event = newAppropriation("agri") as { data: { line: Record<string, unknown> } }
    event.data.line["functionCode"] = "2130101"
    const r = await h.call("/v1/departments/002/years/2026/events", {
      ...postJson({ events: [event] }, { "idempotency-key": "agri" }),
      key: h.keys.writer,
    })
    expect(r.status).toBe(201)
  })
})
