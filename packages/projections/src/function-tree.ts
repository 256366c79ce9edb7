/**
 * The 类 → 款 → 项 hierarchy of the functional classification, as tables 2, 3, 5 and 8 print it:
 * each level with its code and name, ordered by code, only codes that carry a figure.
 *
 * @module function-tree
 */
import type { DisclosureRow } from "./disclosure-schema.ts"
import { functionName, type TableContext } from "./context.ts"
import { distinct, select, type Line } from "./ledger.ts"
import type { DisplayUnit } from "./display-unit.ts"
import { isEmpty, row, type CellSpec } from "./row.ts"

const LEVELS = [
  { digits: 3, kind: "class" },
  { digits: 5, kind: "kuan" },
  { digits: 7, kind: "xiang" },
] as const

/**
 * How a template prints a function code: its code cells (one `2080501` cell, or split 类 / 款 / 项
 * columns) and, when not the default 万元, the display unit of the row's amounts.
 * @category models
 */
export interface FunctionRowLayout {
  readonly codeCells: (code: string) => ReadonlyArray<string>
  readonly unit?: DisplayUnit
}

/** The code in one cell, amounts in the default unit. */
const ONE_CODE_CELL: FunctionRowLayout = { codeCells: (code) => [code] }

/**
 * Rows `[...code cells, name, ...columns(lines under the code)]` for every 类, 款 and 项 of the
 * lines, depth first; a code whose columns are all blank is left out.
 * @category projections
 */
export const functionRows = (
  ctx: TableContext,
  lines: ReadonlyArray<Line>,
  columns: (lines: ReadonlyArray<Line>) => ReadonlyArray<CellSpec>,
  layout: FunctionRowLayout = ONE_CODE_CELL,
  level = 0,
  prefix = "",
): ReadonlyArray<DisclosureRow> => {
  const spec = LEVELS[level]
  if (spec === undefined) return []
  const under = select(lines, { functionPrefix: prefix })
  const codes = distinct(under, (l) => l.line.functionCode.slice(0, spec.digits))
  return codes.flatMap((code) => {
    const mine = select(under, { functionPrefix: code })
    const r = row([...layout.codeCells(code), functionName(ctx, code), ...columns(mine)], {
      kind: spec.kind,
      codes: { function: code },
      ...(layout.unit !== undefined ? { unit: layout.unit } : {}),
    })
    if (isEmpty([r])) return []
    return [r, ...functionRows(ctx, mine, columns, layout, level + 1, code)]
  })
}
