/**
 * Builds printed rows from text and line sums: amount cells are rounded to 万元 one by one
 * (never derived from other rounded cells, which is what reproduces the published 尾差), blank
 * when zero, and every amount cell remembers its lines.
 *
 * @module row
 */
import type { DisclosureRow, DisclosureTable, RowKind } from "./disclosure-schema.ts"
import { WAN_BLANK_ZERO, type DisplayUnit } from "./display-unit.ts"
import { total, type Line } from "./ledger.ts"

/** A cell to print: fixed text, or the sum of some lines. @category models */
export type CellSpec = string | ReadonlyArray<Line>

/** Machine fields of a row. @category models */
export interface RowMeta {
  readonly kind?: RowKind
  readonly codes?: Readonly<Record<string, string>>
  /** How amount cells print; 万元 with blank zeros unless the template says otherwise. */
  readonly unit?: DisplayUnit
}

/** A row under construction (same keys, in the same order, as the spreads this replaced). */
type MutableRow = { -readonly [K in keyof DisclosureRow]: DisclosureRow[K] }

/**
 * True when every id of the sorted list `part` is in the sorted, repeat-free list `whole`: the
 * usual case (a row's first cell is its 合计, and the later cells split it), which then needs no
 * new list at all.
 */
const within = (part: ReadonlyArray<string>, whole: ReadonlyArray<string>): boolean => {
  let i = 0
  for (let j = 0; j < part.length; j++) {
    const b = part[j] as string
    while (i < whole.length && (whole[i] as string) < b) i++
    if (i === whole.length || whole[i] !== b) return false
  }
  return true
}

/**
 * `sorted` with the ids of `more` merged in, sorted and without repeats: the union of two sorted
 * lists in one linear pass. A row's id list is the union of its cells' lists, which `total`
 * returns sorted; sorting their concatenation instead was the largest cost of building a row.
 */
const union = (sorted: Array<string>, more: ReadonlyArray<string>): Array<string> => {
  if (within(more, sorted)) return sorted
  const out: Array<string> = []
  let i = 0
  let j = 0
  while (i < sorted.length || j < more.length) {
    const a = sorted[i]
    const b = more[j]
    let next: string
    if (b === undefined || (a !== undefined && a <= b)) {
      next = a as string
      i++
      if (a === b) j++
    } else {
      next = b
      j++
    }
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next)
  }
  return out
}

/** One printed row from its cell specs. @category constructors */
export const row = (cells: ReadonlyArray<CellSpec>, meta: RowMeta = {}): DisclosureRow => {
  const n = cells.length
  const texts = new Array<string>(n)
  const cellLines = new Array<ReadonlyArray<string> | null>(n)
  const cell = (meta.unit ?? WAN_BLANK_ZERO).cell
  let all: Array<string> | undefined // every line id of the row, sorted; undefined while no cell is an amount
  for (let i = 0; i < n; i++) {
    const c = cells[i] as CellSpec
    if (typeof c === "string") {
      texts[i] = c
      cellLines[i] = null
    } else {
      const t = total(c)
      texts[i] = cell(t.amount)
      cellLines[i] = t.lineIds
      all = union(all ?? [], t.lineIds)
    }
  }
  const out: MutableRow = { cells: texts }
  if (meta.kind !== undefined) out.kind = meta.kind
  if (meta.codes !== undefined) out.codes = meta.codes
  if (all !== undefined) {
    out.lineIds = all
    out.cellLines = cellLines
  }
  return out
}

/** The note every empty table carries. @category models */
export const EMPTY_NOTE = "注：本表无数据"

/** True when no amount cell of the rows prints a figure. @category projections */
export const isEmpty = (rows: ReadonlyArray<DisclosureRow>): boolean =>
  rows.every(
    (r) => r.cellLines === undefined || r.cells.every((c, i) => r.cellLines?.[i] === null || c === ""),
  )

/**
 * Assembles a table; an empty one gets the empty-table note (本表无数据 unless the template words
 * it otherwise) after its own notes.
 * @category constructors
 */
export const table = (
  id: string,
  title: string,
  header: ReadonlyArray<ReadonlyArray<string>>,
  rows: ReadonlyArray<DisclosureRow>,
  notes: ReadonlyArray<string> = [],
  options: { readonly unit?: DisplayUnit; readonly emptyNote?: string } = {},
): DisclosureTable => ({
  id,
  title,
  unit: (options.unit ?? WAN_BLANK_ZERO).unit,
  header,
  rows,
  notes: isEmpty(rows) ? [...notes, options.emptyNote ?? EMPTY_NOTE] : notes,
})
