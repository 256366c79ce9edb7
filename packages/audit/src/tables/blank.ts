/**
 * Whether a table prints any figure at all. Figures are recognised by their printed form (two
 * decimals), so codes and the T12/T13 column numbers do not count as data.
 *
 * @module blank
 */
import type { Table } from "../model/document.ts"

/** True when no cell of the table is a printed amount. @category views */
export const isBlankAmounts = (t: Table): boolean =>
  t.rows.every((r) => r.cells.every((c) => !/^-?[\d,]+\.\d{1,2}$/.test(c.trim())))
