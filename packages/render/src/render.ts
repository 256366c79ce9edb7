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

/** The formats. @category models */
export const Format = Schema.Literals(["json", "html", "txt", "csv", "xlsx"])
/** @category models */
export type Format = typeof Format.Type

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
  switch (format) {
    case "json":
      return {
        kind: "text",
        mediaType: "application/json; charset=utf-8",
        extension: "json",
        body: disclosureJson(d),
      }
    case "html":
      return { kind: "text", mediaType: "text/html; charset=utf-8", extension: "html", body: renderHtml(d) }
    case "txt":
      return { kind: "text", mediaType: "text/plain; charset=utf-8", extension: "txt", body: renderTxt(d) }
    case "csv":
      return { kind: "binary", mediaType: "application/zip", extension: "zip", body: renderCsvZip(d) }
    case "xlsx":
      return {
        kind: "binary",
        mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        extension: "xlsx",
        body: renderXlsx(d),
      }
  }
}

/** Parses a format name from a flag or query string. @category constructors */
export const parseFormat = (input: string): Format | UnknownFormat =>
  (Format.literals as ReadonlyArray<string>).includes(input)
    ? (input as Format)
    : new UnknownFormat({ format: input })
