/**
 * What the CLI tests assert about the reference department, written once: the disclosure they
 * print and its comparison with the published document.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import { figureRows, parsePublishedTables, referencePath, toWidth } from "@ledger/projections/testing"
import { expect } from "vitest"
import { runCli, type CliResult } from "./run-cli.ts"

/** The disclosure JSON as far as the tests read it. */
export interface DisclosureJson {
  readonly documentHash: string
  readonly tables: ReadonlyArray<{
    readonly id: string
    readonly header: string[][]
    readonly rows: ReadonlyArray<{ readonly cells: string[] }>
  }>
}

/** `--department 002 --year 2026`: the reference department-year. */
const REFERENCE = ["--department", "002", "--year", "2026"] as const

/** Runs `ledger disclosure` for the reference department-year; `asOf` undefined is the current state. */
export const disclosure = (
  asOf: string | undefined,
  storeArgs: ReadonlyArray<string>,
  extra: ReadonlyArray<string> = [],
): Promise<CliResult> =>
  runCli([
    "disclosure",
    ...REFERENCE,
    ...(asOf === undefined ? [] : ["--as-of", asOf]),
    ...extra,
    ...storeArgs,
  ])

/** The document hash of what `ledger disclosure` printed. */
export const hashOf = (r: CliResult): string => (JSON.parse(r.stdout) as DisclosureJson).documentHash

/** Every figure-carrying row of tables 1–3, 5, 6 and 10–13 equals the published row, cell for cell. */
export const expectReferenceTables = (doc: DisclosureJson): void => {
  const reference = parsePublishedTables(readFileSync(referencePath, "utf8"))
  for (const id of ["1", "2", "3", "5", "6", "10", "11", "12", "13"]) {
    const ours = doc.tables.find((t) => t.id === id)
    const ref = reference[Number(id) - 1]
    if (ours === undefined || ref === undefined) throw new Error(`table ${id} missing`)
    const width = ours.header[0]?.length ?? 0
    const figures = ours.rows.map((r) => r.cells).filter((c) => c.some((x) => /^\d+\.\d{2}$/.test(x)))
    expect(
      figures.map((r) => toWidth(r, width)),
      `table ${id}`,
    ).toEqual(figureRows(ref.rows).map((r) => toWidth(r, width)))
  }
}
