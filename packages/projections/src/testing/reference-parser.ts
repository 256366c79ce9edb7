/**
 * Reads the tables of a published disclosure from the text extracted from its PDF: a table starts
 * at its title line (`2026年…表…`) and runs to the next title or to the narrative part; rows are
 * tab-separated cells. Page furniture (部门名称, 单位, 预算公开表N, notes, blank lines) is skipped,
 * which also makes page breaks inside a table harmless.
 *
 * @module testing/reference-parser
 */

/** One table as published: its title and its rows of cells. @category models */
export interface PublishedTable {
  readonly title: string
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  readonly notes: ReadonlyArray<string>
}

const TITLE = /^\d{4}年.+表(（.+）)?$/
const END = /^第三部分/
const FURNITURE = /^(部门名称：|单位：|预算公开表\d+$|仅供内部审核$)/

/** An amount cell as printed: 万元 with two decimals. @category models */
export const AMOUNT = /^-?\d+\.\d{2}$/

/** Parses every table of the document's tables part, in order. @category constructors */
export const parsePublishedTables = (text: string): ReadonlyArray<PublishedTable> => {
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => /^第二部分 \d{4}年部门预算报表$/.test(l.trim()))
  const tables: Array<{ title: string; rows: Array<ReadonlyArray<string>>; notes: Array<string> }> = []
  for (const raw of lines.slice(start + 1)) {
    const line = raw.replace(/\s+$/u, "")
    const trimmed = line.trim()
    if (END.test(trimmed)) break
    if (trimmed === "" || FURNITURE.test(trimmed)) continue
    if (TITLE.test(trimmed) && !line.includes("\t")) {
      tables.push({ title: trimmed, rows: [], notes: [] })
      continue
    }
    const current = tables[tables.length - 1]
    if (current === undefined) continue
    if (trimmed.startsWith("注：")) current.notes.push(trimmed)
    else current.rows.push(raw.split("\t").map((c) => c.trim()))
  }
  return tables
}

/** The rows of a table that carry at least one figure. @category projections */
export const figureRows = (
  rows: ReadonlyArray<ReadonlyArray<string>>,
): ReadonlyArray<ReadonlyArray<string>> => rows.filter((r) => r.some((c) => AMOUNT.test(c)))

/** A row padded with blank cells (PDF text drops trailing tabs) or trimmed of trailing blanks to a width. @category projections */
export const toWidth = (row: ReadonlyArray<string>, width: number): ReadonlyArray<string> => {
  const out = [...row]
  while (out.length > width && out[out.length - 1] === "") out.pop()
  while (out.length < width) out.push("")
  return out
}
