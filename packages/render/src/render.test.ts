import { AsOf, type AsOf as AsOfT, openDataLinesAsOf } from "@ledger/projections"
import { describe, expect, it } from "vitest"
import { Format, isPrinted, parseFormat, render, type RenderedFormat, UnknownFormat } from "./render.ts"
import { fixtureEvents, referenceDisclosure } from "./testing-fixtures/reference.ts"

const RENDERED = Format.literals.filter((f): f is RenderedFormat => !isPrinted(f))
const linesAt = (asOf: AsOfT) => ({ lines: openDataLinesAsOf(fixtureEvents(), 2026, asOf) ?? [] })

const bytes = (r: ReturnType<typeof render>): Uint8Array =>
  r.kind === "text" ? new TextEncoder().encode(r.body) : r.body

describe("render: every format is deterministic", () => {
  it.each(RENDERED)("%s: the same events give byte-identical output", (format) => {
    const a = bytes(render(referenceDisclosure(), format, linesAt(AsOf.current)))
    const b = bytes(render(referenceDisclosure(), format, linesAt(AsOf.current)))
    expect(a.length).toBeGreaterThan(1000)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })

  it.each(RENDERED)("%s: different events give different output", (format) => {
    const published = bytes(render(referenceDisclosure(AsOf.published), format, linesAt(AsOf.published)))
    const now = bytes(render(referenceDisclosure(AsOf.current), format, linesAt(AsOf.current)))
    expect(Buffer.from(published).equals(Buffer.from(now))).toBe(false)
  })

  it("json is the canonical document and carries its hash", () => {
    const d = referenceDisclosure()
    const r = render(d, "json")
    expect(r.kind).toBe("text")
    if (r.kind !== "text") return
    expect(JSON.parse(r.body)).toEqual(JSON.parse(JSON.stringify(d)))
    expect(r.body).not.toMatch(/\n/)
  })

  it("names the media type and extension of each format", () => {
    const d = referenceDisclosure()
    expect(render(d, "xlsx")).toMatchObject({ kind: "binary", extension: "xlsx" })
    expect(render(d, "csv")).toMatchObject({ kind: "binary", mediaType: "application/zip" })
    expect(render(d, "html")).toMatchObject({ kind: "text", mediaType: "text/html; charset=utf-8" })
  })

  it("lists pdf as printed (by @ledger/print), fdp and ndjson as needing the lines", () => {
    expect(Format.literals).toEqual(["json", "html", "txt", "csv", "xlsx", "pdf", "fdp", "ndjson"])
    expect(Format.literals.filter(isPrinted)).toEqual(["pdf"])
    const d = referenceDisclosure()
    expect(() => render(d, "fdp" as "json")).toThrow(/open-data lines/)
    expect(() => render(d, "pdf" as "json")).toThrow(/printed/)
  })

  it("refuses an unknown format by name", () => {
    expect(parseFormat("docx")).toBeInstanceOf(UnknownFormat)
    expect((parseFormat("docx") as UnknownFormat).message).toContain('"docx"')
    expect(parseFormat("xlsx")).toBe("xlsx")
    expect(parseFormat("pdf")).toBe("pdf")
  })
})
