/**
 * The table layouts the auditor reads: titles and column names come from the template modules of
 * `@ledger/projections` (the one definition of a layout); rules and the parser address cells by
 * these column positions. `TABLES` is the Shanxi county template's, which the rules R1–R16 check.
 *
 * @module template
 */
import type { Codes } from "@ledger/domain"
import { templateOf } from "@ledger/projections"

/** A table of a template: its title without the year, and a short name per column for places. @category models */
export interface TableSpec {
  readonly id: string
  readonly title: string
  readonly columns: ReadonlyArray<string>
}

/** The table specs of a template, in order. @category models */
const tablesOf = (template: Codes.TemplateId): ReadonlyArray<TableSpec> =>
  templateOf(template).tables.map(({ id, title, columns }) => ({ id, title, columns }))

/** The 13 tables of the Shanxi county template, in order. @category models */
export const TABLES: ReadonlyArray<TableSpec> = tablesOf("shanxi-county-13")

/** The spec of a table id. @category models */
const spec = (id: string, template: Codes.TemplateId = "shanxi-county-13"): TableSpec | undefined =>
  tablesOf(template).find((t) => t.id === id)

/** The column name of a table column, for places. @category models */
export const columnName = (id: string, col: number): string => spec(id)?.columns[col] ?? `列${col + 1}`
