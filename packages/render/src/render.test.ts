import { AsOf } from "@ledger/projections"
import { describe, expect, it } from "vitest"
import { Format, parseFormat, render, UnknownFormat } from "./render.ts"
import { referenceDisclosure } from "./testing-fixtures/reference.ts"

const bytes = (r: ReturnType<typeof render>): Uint8Array =>
  r.kind === "text" ? new TextEncoder().encode(r.body) : r.body

describe("render: every format is deterministic", () => {
  it.each(Format.literals)("%s: the same events give byte-identical output", (format) => {
    const a = bytes(render(referenceDisclosure(), format))
    const b = bytes(render(referenceDisclosure(), format))
    expect(a.length).toBeGreaterThan(1000)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })

  it.each(Format.literals)("%s: different events give different output", (format) => {
    const published = bytes(render(referenceDisclosure(AsOf.published), format))
    const now = bytes(render(referenceDisclosure(AsOf.current), format))
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

  it("refuses an unknown format by name", () => {
    expect(parseFormat("pdf")).toBeInstanceOf(UnknownFormat)
    expect((parseFormat("pdf") as UnknownFormat).message).toContain('"pdf"')
    expect(parseFormat("xlsx")).toBe("xlsx")
  })
})
