/**
 * The column header of a table cell, shared by provenance and diff so both name a column alike.
 *
 * @module
 */

/** The last header row that names column `col` (header rows span; lower rows are more specific). */
export const columnOf = (header: ReadonlyArray<ReadonlyArray<string>>, col: number): string => {
  for (let i = header.length - 1; i >= 0; i--) {
    const h = header[i]?.[col]
    if (h !== undefined && h !== "") return h
  }
  return ""
}
