/**
 * Output formats of `ledger disclosure`: the public JSON contract, the formats people read, the
 * open data (a Fiscal Data Package, NDJSON of the lines) and the PDF, all from @ledger/render (and
 * @ledger/print for the PDF), so the CLI and the API give the same bytes.
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Taxonomy } from "@ledger/domain"
import { type Disclosure, openDataLines, type Replayed } from "@ledger/projections"
import { printDisclosure } from "@ledger/print"
import { type Format, FORMAT_NAMES, isPrinted, render, renderCsvFiles } from "@ledger/render"
import { Result } from "effect"
import { run } from "./commands/context.ts"

/** The formats the command accepts: the one list of @ledger/render. */
export const FORMATS: ReadonlyArray<Format> = FORMAT_NAMES
export type { Format }

/**
 * Renders the disclosure of a replay to bytes (csv: a zip of one CSV per table; fdp and ndjson from
 * the open-data lines of the same state; pdf printed by headless Chromium).
 */
export const renderAs = async (replayed: Replayed, format: Format): Promise<Uint8Array> => {
  const doc = replayed.disclosure
  if (isPrinted(format)) return run(printDisclosure(doc))
  const taxonomy = Taxonomy.forYear(doc.fiscalYear)
  if (Result.isFailure(taxonomy)) throw taxonomy.failure
  const out = render(doc, format, { lines: openDataLines(replayed.state, doc.fiscalYear, taxonomy.success) })
  return typeof out.body === "string" ? new TextEncoder().encode(out.body) : out.body
}

/** `--format csv --out DIR/`: one CSV file per table in a folder instead of a zip. */
export const writeCsvFolder = async (doc: Disclosure, dir: string): Promise<number> => {
  await mkdir(dir, { recursive: true })
  const files = renderCsvFiles(doc)
  for (const f of files) await writeFile(join(dir, f.name), f.text)
  return files.length
}
