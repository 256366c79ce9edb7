/**
 * Output formats of `ledger disclosure`: the public JSON contract and the formats people read,
 * all from @ledger/render, so the CLI and the API print the same bytes.
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Disclosure } from "@ledger/projections"
import { type Format, FORMAT_NAMES, render, renderCsvFiles } from "@ledger/render"

/** The formats the command accepts: the one list of @ledger/render. */
export const FORMATS: ReadonlyArray<Format> = FORMAT_NAMES
export type { Format }

/** Renders a disclosure to bytes (csv: a zip of one CSV per table). */
export const renderAs = (doc: Disclosure, format: Format): Uint8Array => {
  const out = render(doc, format)
  return typeof out.body === "string" ? new TextEncoder().encode(out.body) : out.body
}

/** `--format csv --out DIR/`: one CSV file per table in a folder instead of a zip. */
export const writeCsvFolder = async (doc: Disclosure, dir: string): Promise<number> => {
  await mkdir(dir, { recursive: true })
  const files = renderCsvFiles(doc)
  for (const f of files) await writeFile(join(dir, f.name), f.text)
  return files.length
}
