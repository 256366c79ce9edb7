/**
 * The column header and row label of a table cell, shared by provenance and diff so both name a
 * cell alike: by its own column (not a column-number row such as 表12's "1 2 3 …") and by the label
 * of its own side of a side-by-side table (表1/表4 print income and expenditure on one row).
 *
 * @module
 */

/** A header row that only numbers the columns ("1", "2", …) names nothing. */
const isNumbering = (row: ReadonlyArray<string>): boolean =>
  row.length > 0 && row.every((h) => h === "" || /^\d+$/.test(h))

/** The last header row that names column `col` (header rows span; lower rows are more specific). */
export const columnOf = (header: ReadonlyArray<ReadonlyArray<string>>, col: number): string => {
  for (let i = header.length - 1; i >= 0; i--) {
    const row = header[i] ?? []
    if (isNumbering(row)) continue
    const h = row[col]
    if (h !== undefined && h !== "") return h
  }
  return ""
}

/** Header words that mark a label column (the row's name), not a figure column. */
const LABEL_HEADER = /^(项目|项目名称|单位名称|科目名称|.*经济科目名称)$/

/**
 * The label of the row for cell `col`: the cell of the nearest label column at or left of `col`
 * (so an expenditure cell of 表1 is labelled by its expenditure item), falling back leftwards to the
 * first non-empty label, then to the first cell. A 科目名称 is prefixed by its 科目编码.
 */
export const rowLabelOf = (
  header: ReadonlyArray<ReadonlyArray<string>>,
  cells: ReadonlyArray<string>,
  col: number,
): string => {
  const labelCols = new Set<number>([0])
  for (const row of header) row.forEach((h, i) => LABEL_HEADER.test(h.trim()) && labelCols.add(i))
  const candidates = [...labelCols].filter((i) => i <= col).sort((a, b) => b - a)
  for (const i of candidates) {
    const text = cells[i]
    if (text === undefined || text === "") continue
    // A 科目名称 after its 科目编码 ("2010301", "行政运行") is named with its code: names repeat.
    const code = i > 0 && header.some((h) => /科目编码$/.test(h[i - 1] ?? "")) ? cells[i - 1] : undefined
    return code !== undefined && /^\d+$/.test(code) ? `${code} ${text}` : text
  }
  return cells[0] ?? ""
}
