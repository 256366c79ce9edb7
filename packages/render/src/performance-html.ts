/**
 * The 绩效目标表 as the printed form merges it: long texts span the row, the fund block, the goals
 * and the indicators share one label cell down their rows (rowspan). Without the merges a text of
 * several hundred characters is squeezed into one of eight columns and unreadable on A4.
 *
 * @module performance-html
 */
import { templateOf, type PerformanceTargetTable } from "@ledger/projections"
import { escapeHtml as e } from "./escape.ts"

/** Column spans of each row shape of the Shanxi form's grid (8 columns). */
const SPANS = {
  wide: [1, 7],
  pair: [1, 3, 1, 3],
  funds: [1, 1, 2, 1, 3],
  goals: [1, 3, 4],
  each: [1, 1, 1, 1, 1, 1, 1, 1],
} as const

type Shape = keyof typeof SPANS

/** The shape of row `i` (the grid's fixed layout; indicators and the signature row are plain). */
const shapeOf = (i: number): Shape => {
  if (i === 0 || (i >= 9 && i <= 13)) return "wide"
  if (i === 1 || i === 2) return "pair"
  if (i >= 3 && i <= 8) return "funds"
  if (i === 14 || i === 15) return "goals"
  return "each"
}

/** One rendered cell: text and spans; `undefined` rows are covered by a rowspan above. */
interface Cell {
  readonly text: string
  readonly colspan: number
  readonly rowspan: number
}

/** The merged rows of one table (exported for the layout test). @category rendering */
export const performanceRows = (t: PerformanceTargetTable): ReadonlyArray<ReadonlyArray<Cell>> => {
  const grid = templateOf("shanxi-county-13").performanceGrid(t)
  const n = t.indicators.length
  return grid.map((row, i) => {
    const spans = SPANS[shapeOf(i)]
    const cells: Array<Cell> = []
    let at = 0
    spans.forEach((span, k) => {
      const text = row[at] ?? ""
      at += span
      if (k === 0) {
        // The label column: one cell down the fund block, the two goal rows and the indicators.
        if ((i >= 4 && i <= 8) || i === 15 || (i > 16 && i <= 16 + n)) return
        if (i === 3) return cells.push({ text, colspan: 1, rowspan: 6 })
        if (i === 14) return cells.push({ text: grid[15]?.[0] ?? "", colspan: 1, rowspan: 2 })
        if (i === 16) return cells.push({ text, colspan: 1, rowspan: 1 + n })
      }
      cells.push({ text, colspan: span, rowspan: 1 })
    })
    return cells
  })
}

/** The `<tbody>` rows of a performance table. @category rendering */
export const performanceBody = (t: PerformanceTargetTable): string =>
  performanceRows(t)
    .map(
      (r) =>
        `<tr>${r
          .map(
            (c) =>
              `<td${c.colspan > 1 ? ` colspan="${c.colspan}"` : ""}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ""}>${e(c.text)}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("")
