/**
 * One entry point for every format `ledger disclosure --format` offers. Text formats come back
 * as strings, archive formats as bytes; each with its media type and file extension. The open-data
 * formats (`fdp`, `ndjson`) also take the budget lines of the same replay; `pdf` is listed here
 * but printed from the HTML by `@ledger/print` (a browser process), so `render` does not take it.
 *
 * @module render
 */
import { disclosureJson, type Disclosure, type OpenDataLine } from "@ledger/projections"
import { Data, Schema } from "effect"
import { renderCsvZip } from "./csv.ts"
import { renderFdp, renderLinesNdjson } from "./fdp.ts"
import { renderHtml } from "./html.ts"
import { renderTxt } from "./txt.ts"
import { renderXlsx } from "./xlsx.ts"

/** What a renderer may read beyond the document: the open-data lines of the same replay. @category models */
export interface RenderInput {
  readonly lines: ReadonlyArray<OpenDataLine>
}

/**
 * What a format is: its media type, file extension and renderer; a format without a renderer is
 * printed (`pdf`, by `@ledger/print`). @category models
 */
export interface FormatSpec {
  readonly mediaType: string
  readonly extension: string
  readonly render?: (d: Disclosure, input: RenderInput) => string | Uint8Array
}

/**
 * THE list of output formats — the API's `format`/`Accept`, the command line's `--format` and the
 * OpenAPI document all derive from it, so adding a format is one line here. @category models
 */
export const FORMATS = {
  json: { mediaType: "application/json; charset=utf-8", extension: "json", render: disclosureJson },
  html: { mediaType: "text/html; charset=utf-8", extension: "html", render: renderHtml },
  txt: { mediaType: "text/plain; charset=utf-8", extension: "txt", render: renderTxt },
  csv: { mediaType: "application/zip", extension: "zip", render: renderCsvZip },
  xlsx: {
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
    render: renderXlsx,
  },
  pdf: { mediaType: "application/pdf", extension: "pdf" },
  fdp: {
    mediaType: "application/vnd.fiscal-data-package+zip",
    extension: "zip",
    render: (d, input) => renderFdp(d, input.lines),
  },
  ndjson: {
    mediaType: "application/x-ndjson; charset=utf-8",
    extension: "ndjson",
    render: (d, input) => renderLinesNdjson(d, input.lines),
  },
} as const satisfies Record<string, FormatSpec>

/** A format's name. @category models */
export type Format = keyof typeof FORMATS
/** The format names in list order. @category models */
export const FORMAT_NAMES = Object.keys(FORMATS) as unknown as readonly [Format, ...Array<Format>]
/** The Schema of a format name. @category models */
export const Format = Schema.Literals(FORMAT_NAMES)

/** The formats printed by a browser rather than rendered here. @category models */
export type PrintedFormat = "pdf"
/** The formats {@link render} produces. @category models */
export type RenderedFormat = Exclude<Format, PrintedFormat>
/** True for a format printed by `@ledger/print` (its FORMATS entry has no renderer). @category models */
export const isPrinted = (f: Format): f is PrintedFormat => (FORMATS[f] as FormatSpec).render === undefined

/** A rendered document. @category models */
export type Rendered =
  | { readonly kind: "text"; readonly mediaType: string; readonly extension: string; readonly body: string }
  | {
      readonly kind: "binary"
      readonly mediaType: string
      readonly extension: string
      readonly body: Uint8Array
    }

/** A format name nobody renders. @category errors */
export class UnknownFormat extends Data.TaggedError("UnknownFormat")<{ readonly format: string }> {
  override get message(): string {
    return `format must be one of ${Format.literals.join(", ")}, not "${this.format}"`
  }
}

/** The formats that need the open-data lines as well as the document. @category models */
export type LinesFormat = "fdp" | "ndjson"
const LINES_FORMATS: ReadonlyArray<Format> = ["fdp", "ndjson"]

/**
 * Renders a disclosure in a format; same document (and lines), same format → identical output.
 * `fdp` and `ndjson` also take the open-data lines of the replay the document came from.
 * @category rendering
 */
export function render(d: Disclosure, format: Exclude<RenderedFormat, LinesFormat>): Rendered
export function render(d: Disclosure, format: RenderedFormat, input: RenderInput): Rendered
export function render(d: Disclosure, format: RenderedFormat, input?: RenderInput): Rendered {
  const { mediaType, extension, render: draw } = FORMATS[format] as FormatSpec
  if (draw === undefined) throw new Error(`${format} is printed by @ledger/print, not rendered`)
  if (input === undefined && LINES_FORMATS.includes(format))
    throw new Error(`${format} needs the open-data lines of the replay`)
  const body = draw(d, input ?? { lines: [] })
  return typeof body === "string"
    ? { kind: "text", mediaType, extension, body }
    : { kind: "binary", mediaType, extension, body }
}

/** Parses a format name from a flag or query string. @category constructors */
export const parseFormat = (input: string): Format | UnknownFormat =>
  (Format.literals as ReadonlyArray<string>).includes(input)
    ? (input as Format)
    : new UnknownFormat({ format: input })
