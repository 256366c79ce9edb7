/**
 * How the Shanghai rules read the nine tables — by what a reader of the printed page sees, so the
 * same rules audit a derived disclosure and a parsed published text: rows found by their label
 * (ordinals such as "一、" or "1. " ignored), coded rows by their 类 / 款 / 项 cells, places named
 * with the template's own column names.
 *
 * @module shanghai/views
 */
import { Money } from "@ledger/domain"
import { templateOf } from "@ledger/projections"
import type { Row, Table } from "../model/document.ts"
import type { Place } from "../model/finding.ts"
import { amt } from "../util/amount.ts"

const LAYOUT = templateOf("shanghai-district-9")

/** A cell place with the Shanghai column name. @category views */
export const place = (table: string, row: string, col: number): Place => ({
  table,
  row,
  column: LAYOUT.tables.find((t) => t.id === table)?.columns[col] ?? `列${col + 1}`,
})

/** A label without its ordinal ("一、财政拨款收入" → "财政拨款收入", "1. 一般公共预算" → "一般公共预算"). @category views */
export const bare = (s: string | undefined): string =>
  (s ?? "").replace(/\s+/g, "").replace(/^(?:[一二三四五六七八九十]+、|\d+[.．、])/, "")

/** The first row whose cell `col` reads `label` (ordinals ignored). @category views */
export const byLabel = (t: Table | undefined, col: number, label: string): Row | undefined =>
  t?.rows.find((r) => bare(r.cells[col]) === label)

/** The amount of a cell (blank and missing are zero; "1,234" is read exactly). @category views */
export const cell = (row: Row | undefined, col: number): Money.Money => amt(row?.cells[col])

/** A coded row of T2 / T3 / T5 / T6 / T7 (类 款 项 in the first three cells) or T8 (类 款). @category models */
export interface Coded {
  readonly code: string
  readonly level: number
  readonly name: string
  readonly row: Row
}

/**
 * The coded rows of a table whose first `levels` cells are the code parts and whose next cell is
 * the name, and its 合计 row.
 * @category views
 */
export const coded = (
  t: Table | undefined,
  levels: number,
): { readonly rows: ReadonlyArray<Coded>; readonly total: Row | undefined } => {
  const rows: Coded[] = []
  let total: Row | undefined
  for (const row of t?.rows ?? []) {
    if (bare(row.cells[0]) === "合计") total = row
    const parts = row.cells.slice(0, levels).map((c) => c.trim())
    if (!/^\d{3}$/.test(parts[0] ?? "")) continue
    const filled = parts.filter((p) => p !== "")
    rows.push({ code: filled.join(""), level: filled.length, name: bare(row.cells[levels]), row })
  }
  return { rows, total }
}

/** The rows one level below a coded row (the 款 of a 类, the 项 of a 款). @category views */
export const childrenOf = (rows: ReadonlyArray<Coded>, parent: Coded): ReadonlyArray<Coded> =>
  rows.filter((r) => r.level === parent.level + 1 && r.code.startsWith(parent.code))

/** True when no amount cell of the table holds money. @category views */
export const isEmptyTable = (t: Table, firstAmountCol: number): boolean =>
  t.rows.every((r) => r.cells.slice(firstAmountCol).every((c) => Money.isZero(amt(c))))
