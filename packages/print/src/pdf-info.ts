/**
 * Writes a document information dictionary into a finished PDF by an incremental update (PDF
 * 32000-1 §7.5.6): the original bytes stay as they are, a new Info object, a one-entry xref
 * section and a trailer pointing back to the previous one are appended. This is how the source
 * document's hash gets into the metadata of a PDF Chromium printed, which takes no metadata itself.
 *
 * @module pdf-info
 */
import { Data } from "effect"

/** The bytes are not a PDF this function can update (no trailer, `/Root` or `startxref`). @category errors */
export class NotAnUpdatablePdf extends Data.TaggedError("NotAnUpdatablePdf")<{ readonly reason: string }> {
  override get message(): string {
    return `cannot add metadata to this PDF: ${this.reason}`
  }
}

/** A PDF text string as UTF-16BE hex with a byte-order mark, so Chinese titles survive. */
const textString = (s: string): string => {
  let hex = "FEFF"
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase()
  return `<${hex}>`
}

/** A PDF name: letters, digits and `-`/`_` only (what our keys use). */
const name = (k: string): string => {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(k)) throw new Error(`not a PDF name: ${k}`)
  return `/${k}`
}

const latin1 = (b: Uint8Array): string => {
  let s = ""
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192))
  return s
}

/**
 * The PDF with `info` as its document information dictionary (`Title`, `Subject`, `Keywords`, or
 * any custom key). Returns the error when the file's last trailer cannot be read.
 * @category printing
 */
export const withPdfInfo = (
  pdf: Uint8Array,
  info: Readonly<Record<string, string>>,
): Uint8Array | NotAnUpdatablePdf => {
  const text = latin1(pdf)
  const tail = text.slice(Math.max(0, text.length - 4096))
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
  if (start === null) return new NotAnUpdatablePdf({ reason: "no startxref at the end" })
  const trailerAt = text.lastIndexOf("trailer")
  const dict = trailerAt >= 0 ? text.slice(trailerAt) : text.slice(Number(start[1]))
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dict)
  const size = /\/Size\s+(\d+)/.exec(dict)
  if (root === null || size === null)
    return new NotAnUpdatablePdf({ reason: "no /Root or /Size in the trailer" })
  const id = Number(size[1])
  const head = text.endsWith("\n") ? "" : "\n"
  const objAt = pdf.length + head.length
  const entries = Object.entries(info)
    .map(([k, v]) => `${name(k)} ${textString(v)}`)
    .join(" ")
  const obj = `${id} 0 obj\n<< ${entries} >>\nendobj\n`
  const xrefAt = objAt + obj.length
  const update =
    head +
    obj +
    `xref\n${id} 1\n${String(objAt).padStart(10, "0")} 00000 n \n` +
    `trailer\n<< /Size ${id + 1} /Root ${root[1]} /Info ${id} 0 R /Prev ${start[1]} >>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`
  const out = new Uint8Array(pdf.length + update.length)
  out.set(pdf, 0)
  for (let i = 0; i < update.length; i++) out[pdf.length + i] = update.charCodeAt(i)
  return out
}
