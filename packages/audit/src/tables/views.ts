/**
 * Typed views of the template's tables over printed cells: find a row by its label or code, read a
 * column as an exact amount. Rules read tables only through these views, so the layout knowledge of
 * the template sits in one place.
 *
 * @module views
 */
import type { Money } from "@ledger/domain"
import type { AuditDocument, Row, Table } from "../model/document.ts"
import { amt } from "../util/amount.ts"

/** "一、一般公共服务支出" → "一般公共服务支出"; "①公务用车购置费" → "公务用车购置费". @category views */
export const stripOrdinal = (s: string): string =>
  s
    .replace(/^\s*[一二三四五六七八九十]+、/, "")
    .replace(/^[①②③④⑤⑥⑦⑧⑨]/, "")
    .replace(/\s+/g, "")
    .trim()

/** A row with its index, for places and messages. @category views */
export interface Located {
  readonly index: number
  readonly row: Row
}

/** The table of an id, if the document has it. @category views */
export const table = (doc: AuditDocument, id: string): Table | undefined => doc.tables.get(id)

/** The amount at a column of a row ("" and missing cells are zero). @category views */
export const at = (row: Row | undefined, col: number): Money.Money => amt(row?.cells[col])

/** Rows of a coded table (T2/T3/T5/T8): the 合计 row and one per 类/款/项 code. @category views */
export interface CodedRow extends Located {
  readonly code: string
  readonly name: string
}

/** The 合计 row and the coded rows of T2, T3, T5, T7 or T8 (codes in column 0). @category views */
export const codedRows = (
  t: Table | undefined,
  codeCol = 0,
): { total: Located | undefined; rows: CodedRow[] } => {
  const rows: CodedRow[] = []
  let total: Located | undefined
  t?.rows.forEach((row, index) => {
    const c = (row.cells[codeCol] ?? "").trim()
    if (c === "合计") total = { index, row }
    else if (/^\d{3}(\d{2}){0,2}$/.test(c))
      rows.push({ index, row, code: c, name: (row.cells[codeCol + 1] ?? "").trim() })
  })
  return { total, rows }
}

/** Finds the row whose label column (after stripping ordinals) equals the label; the nth match. @category views */
export const rowByLabel = (
  t: Table | undefined,
  col: number,
  label: string,
  nth = 0,
): Located | undefined => {
  let seen = 0
  for (let index = 0; index < (t?.rows.length ?? 0); index++) {
    const row = t?.rows[index]
    if (row !== undefined && stripOrdinal(row.cells[col] ?? "") === label) {
      if (seen === nth) return { index, row }
      seen++
    }
  }
  return undefined
}

/** The 30 class rows of a two-sided table's expenditure side (label in `col`), in order. @category views */
export const classRows = (t: Table | undefined, col: number): Array<Located & { name: string }> => {
  const out: Array<Located & { name: string }> = []
  t?.rows.forEach((row, index) => {
    const raw = (row.cells[col] ?? "").trim()
    if (/^[一二三四五六七八九十]+、/.test(raw)) out.push({ index, row, name: stripOrdinal(raw) })
  })
  return out
}

/** The 财政拨款 income of T4, split into current-year and carryover parts as printed. @category views */
export interface T4Income {
  readonly current: ReadonlyMap<string, Located>
  readonly carry: ReadonlyMap<string, Located>
  readonly currentTotal: Located | undefined
  readonly carryTotal: Located | undefined
  readonly grandTotal: Located | undefined
}

/** Reads T4's income side: sources above 上年财政拨款结转 are current, below it carryover. @category views */
export const t4Income = (t: Table | undefined): T4Income => {
  const current = new Map<string, Located>()
  const carry = new Map<string, Located>()
  let currentTotal: Located | undefined
  let carryTotal: Located | undefined
  let grandTotal: Located | undefined
  let inCarry = false
  t?.rows.forEach((row, index) => {
    const label = stripOrdinal(row.cells[0] ?? "")
    if (label === "本年收入合计") currentTotal = { index, row }
    else if (label === "上年财政拨款结转") {
      carryTotal = { index, row }
      inCarry = true
    } else if (label === "收入总计") grandTotal = { index, row }
    else if (label !== "") (inCarry ? carry : current).set(label, { index, row })
  })
  return { current, carry, currentTotal, carryTotal, grandTotal }
}

/** A unit block of T12/T13: the unit row and its project rows. @category views */
interface UnitBlock extends Located {
  readonly name: string
  readonly projects: ReadonlyArray<Located & { name: string }>
}

/** T12/T13 as a tree: the department row, then units with their projects. @category views */
export interface ProjectTree {
  readonly department: Located | undefined
  readonly units: ReadonlyArray<UnitBlock>
}

const regionPrefix = (departmentName: string): string | undefined =>
  /^(?:[^省市区县]{1,6}[省市])?[^省市区县]{1,6}[区县旗]/.exec(departmentName)?.[0]

/**
 * Splits T12/T13 into department, units and projects. A row is a unit when its name is a known unit
 * name or starts with the department's region prefix (长治市屯留区…); project names never do.
 * @category views
 */
export const projectTree = (
  t: Table | undefined,
  departmentName: string,
  unitNames: ReadonlySet<string>,
): ProjectTree => {
  const prefix = regionPrefix(departmentName)
  const isUnit = (name: string) =>
    unitNames.has(name) || name === departmentName || (prefix !== undefined && name.startsWith(prefix))
  const rows = t?.rows ?? []
  const first = rows.findIndex(
    (r) => (r.cells[0] ?? "").trim() !== "" && !/^\d+$/.test((r.cells[0] ?? "").trim()),
  )
  if (first < 0) return { department: undefined, units: [] }
  const department = rows[first] === undefined ? undefined : { index: first, row: rows[first] }
  const units: Array<{ index: number; row: Row; name: string; projects: Array<Located & { name: string }> }> =
    []
  for (let index = first + 1; index < rows.length; index++) {
    const row = rows[index]
    if (row === undefined) continue
    const name = (row.cells[0] ?? "").trim()
    if (name === "") continue
    if (isUnit(name) || units.length === 0) units.push({ index, row, name, projects: [] })
    else units[units.length - 1]?.projects.push({ index, row, name })
  }
  return { department, units }
}

/** The label of a row for places: code and name, or the first non-empty text cell. @category views */
export const rowLabel = (row: Row | undefined, labelCols: ReadonlyArray<number> = [0, 1]): string =>
  labelCols
    .map((c) => (row?.cells[c] ?? "").trim())
    .filter((s) => s !== "" && !/^-?\d+\.\d{1,2}$/.test(s))
    .join(" ") ||
  (row?.cells.find((c) => c.trim() !== "") ?? "")
