/**
 * Builds printed rows from text and line sums: amount cells are rounded to 万元 one by one
 * (never derived from other rounded cells, which is what reproduces the published 尾差), blank
 * when zero, and every amount cell remembers its lines.
 *
 * @module row
 */
import { Money } from "@ledger/domain"
import type { DisclosureRow, DisclosureTable, RowKind } from "./disclosure-schema.ts"
import { total, type Line } from "./ledger.ts"

/** A cell to print: fixed text, or the sum of some lines. @category models */
export type CellSpec = string | ReadonlyArray<Line>

/** Machine fields of a row. @category models */
export interface RowMeta {
  readonly kind?: RowKind
  readonly codes?: Readonly<Record<string, string>>
}

/** One printed row from its cell specs. @category constructors */
export const row = (cells: ReadonlyArray<CellSpec>, meta: RowMeta = {}): DisclosureRow => {
  const texts: Array<string> = []
  const cellLines: Array<ReadonlyArray<string> | null> = []
  const all = new Set<string>()
  for (const c of cells) {
    if (typeof c === "string") {
      texts.push(c)
      cellLines.push(null)
    } else {
      const t = total(c)
      texts.push(Money.toWanCell(t.amount))
      cellLines.push(t.lineIds)
      for (const id of t.lineIds) all.add(id)
    }
  }
  const hasAmounts = cellLines.some((c) => c !== null)
  return {
    cells: texts,
    ...(meta.kind !== undefined ? { kind: meta.kind } : {}),
    ...(meta.codes !== undefined ? { codes: meta.codes } : {}),
    ...(hasAmounts ? { lineIds: [...all].sort(), cellLines } : {}),
  }
}

/** The note every empty table carries. @category models */
export const EMPTY_NOTE = "注：本表无数据"

/** True when no amount cell of the rows prints a figure. @category projections */
export const isEmpty = (rows: ReadonlyArray<DisclosureRow>): boolean =>
  rows.every((r) => r.cellLines === undefined || r.cells.every((c, i) => r.cellLines?.[i] === null || c === ""))

/** Assembles a table; an empty one gets the 本表无数据 note after its own notes. @category constructors */
export const table = (
  id: string,
  title: string,
  header: ReadonlyArray<ReadonlyArray<string>>,
  rows: ReadonlyArray<DisclosureRow>,
  notes: ReadonlyArray<string> = [],
): DisclosureTable => ({
  id,
  title,
  unit: "万元",
  header,
  rows,
  notes: isEmpty(rows) ? [...notes, EMPTY_NOTE] : notes,
})
