/**
 * One CSV per table (RFC 4180: CRLF, quoted when needed, UTF-8 with a byte-order mark so
 * spreadsheet programs read the Chinese text), plus `index.csv` naming each file's table, unit and
 * notes. As a deterministic ZIP, or as files for a folder.
 *
 * @module csv
 */
import type { Disclosure, DisclosureTable } from "@ledger/projections"
import { utf8, zip } from "./zip.ts"

/** A signed number as tables print it (`-12.34`, `+5`, `-3.5%`): data, not a formula. */
const NUMBER = /^[-+]?\d[\d,]*(\.\d+)?%?$/

/**
 * Neutralises a text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR
 * first) by prefixing an apostrophe; signed numbers stay numbers. @category rendering
 */
const neutraliseFormula = (s: string): string => (/^[=+\-@\t\r]/.test(s) && !NUMBER.test(s) ? `'${s}` : s)

const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)
const field = (s: string): string => quote(neutraliseFormula(s))
const toCsv = (rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  "\uFEFF" + rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n"

/** The file name of a table's CSV, e.g. `table-01.csv`. @category rendering */
export const csvFileName = (t: DisclosureTable): string => `table-${t.id.padStart(2, "0")}.csv`

/** A CSV file: its name and text. @category models */
export interface CsvFile {
  readonly name: string
  readonly text: string
}

/** The CSV files of a disclosure: `index.csv`, then one per table in table order. @category rendering */
export const renderCsvFiles = (d: Disclosure): ReadonlyArray<CsvFile> => [
  {
    name: "index.csv",
    text: toCsv([
      ["file", "id", "title", "department", "unit", "notes"],
      ...d.tables.map((t) => [csvFileName(t), t.id, t.title, d.department.name, t.unit, t.notes.join(" ")]),
    ]),
  },
  ...d.tables.map((t) => ({
    name: csvFileName(t),
    text: toCsv([...t.header, ...t.rows.map((r) => r.cells)]),
  })),
]

/** The CSV files as one ZIP archive. @category rendering */
export const renderCsvZip = (d: Disclosure): Uint8Array =>
  zip(renderCsvFiles(d).map((f) => ({ name: f.name, data: utf8(f.text) })))
