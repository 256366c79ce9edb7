/**
 * One entry point for every format `ledger disclosure --format` offers. Text formats come back
 * as strings, archive formats as bytes; each with its media type and file extension.
 *
 * @module render
 */
import { disclosureJson, type Disclosure } from "@ledger/projections"
import { Data, Schema } from "effect"
import { renderCsvZip } from "./csv.ts"
import { renderHtml } from "./html.ts"
import { renderTxt } from "./txt.ts"
import { renderXlsx } from "./xlsx.ts"

/** What a format is: its media type, file extension and renderer. @category models */
export interface FormatSpec {
  readonly mediaType: string
  readonly extension: string
  readonly render: (d: Disclosure) => string | Uint8Array
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
} as const satisfies Record<string, FormatSpec>

/** A format's name. @category models */
export type Format = keyof typeof FORMATS
/** The format names in list order. @category models */
export const FORMAT_NAMES = Object.keys(FORMATS) as unknown as readonly [Format, ...Array<Format>]
/** The Schema of a format name. @category models */
export const Format = Schema.Literals(FORMAT_NAMES)

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

/** Renders a disclosure in a format; same document, same format → identical output. @category rendering */
export const render = (d: Disclosure, format: Format): Rendered => {
  const { mediaType, extension, render: draw } = FORMATS[format] as FormatSpec
  const body = draw(d)
  return typeof body === "string"
    ? { kind: "text", mediaType, extension, body }
    : { kind: "binary", mediaType, extension, body }
}

/** Parses a format name from a flag or query string. @category constructors */
export const parseFormat = (input: string): Format | UnknownFormat =>
  (Format.literals as ReadonlyArray<string>).includes(input)
    ? (input as Format)
    : new UnknownFormat({ format: input })
