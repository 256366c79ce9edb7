/**
 * The `Content-Disposition` of a document answer, so a browser or a client saves a download under a
 * sensible name (`budget-disclosure-002-2026-published.zip`) instead of `disclosure`: spreadsheets
 * and the zips (CSV, Fiscal Data Package) and NDJSON are attachments, JSON/HTML/text/PDF open inline.
 */
import { type Format, FORMATS } from "@ledger/render"

/** The description of the header in the OpenAPI document. @category constants */
export const CONTENT_DISPOSITION_DOC =
  'inline (json, html, txt, pdf) or attachment (csv zip, xlsx, fdp zip, ndjson), with filename="budget-disclosure-{code}-{year}-{point}.{ext}"'

/** The file name of a document: department, year, the point (as-of or hash prefix), extension. */
const downloadName = (code: string, year: number, point: string, format: Format): string =>
  `budget-disclosure-${code}-${year}-${point.replace(/[^0-9A-Za-z.-]+/g, "-").replace(/^-+|-+$/g, "") || "document"}.${FORMATS[format].extension}`

/** The header value for a document in `format`. @category formatting */
export const contentDisposition = (code: string, year: number, point: string, format: Format): string =>
  `${format === "csv" || format === "xlsx" || format === "fdp" || format === "ndjson" ? "attachment" : "inline"}; filename="${downloadName(code, year, point, format)}"`
