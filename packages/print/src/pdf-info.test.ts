import { describe, expect, it } from "vitest"
import { NotAnUpdatablePdf, withPdfInfo } from "./pdf-info.ts"

/** A minimal one-page PDF with a classic xref table and correct offsets. */
const minimalPdf = (): Uint8Array => {
  const objs = [
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
  ]
  let body = "%PDF-1.4\n"
  const offsets: Array<number> = []
  for (const o of objs) {
    offsets.push(body.length)
    body += o
  }
  const xref = body.length
  body += `xref\n0 4\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`
  body += `trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(body)
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b)

describe("withPdfInfo", () => {
  it("appends an Info object, an xref entry at its exact offset and a trailer pointing back", () => {
    const pdf = minimalPdf()
    const out = withPdfInfo(pdf, { Title: "部门预算", DocumentHash: "ab12" })
    if (!(out instanceof Uint8Array)) throw out
    expect(out.subarray(0, pdf.length)).toEqual(pdf)
    const text = latin1(out)
    const offset = Number(/xref\n4 1\n(\d{10}) 00000 n/.exec(text)?.[1])
    expect(text.slice(offset).startsWith("4 0 obj\n")).toBe(true)
    expect(text).toContain("/Title <FEFF90E895E898847B97>")
    expect(text).toContain("/DocumentHash <FEFF0061006200310032>")
    const prev = /startxref\n(\d+)\n%%EOF\n$/.exec(latin1(pdf))?.[1]
    expect(text).toMatch(new RegExp(`/Size 5 /Root 1 0 R /Info 4 0 R /Prev ${prev} >>`))
    const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1])
    expect(text.slice(start).startsWith("xref\n4 1\n")).toBe(true)
  })

  it("refuses bytes that are not a PDF it can update", () => {
    expect(withPdfInfo(new TextEncoder().encode("hello"), { Title: "x" })).toBeInstanceOf(NotAnUpdatablePdf)
  })
})
