/**
 * The 类 → 款 → 项 hierarchy of the functional classification, as tables 2, 3, 5 and 8 print it:
 * each level with its code and name, ordered by code, only codes that carry a figure.
 *
 * @module function-tree
 */
import type { DisclosureRow } from "./disclosure-schema.ts"
import { functionName, type TableContext } from "./context.ts"
import { distinct, select, type Line } from "./ledger.ts"
import { isEmpty, row, type CellSpec } from "./row.ts"

const LEVELS = [
  { digits: 3, kind: "class" },
  { digits: 5, kind: "kuan" },
  { digits: 7, kind: "xiang" },
] as const

/**
 * Rows `[code, name, ...columns(lines under the code)]` for every 类, 款 and 项 of the lines,
 * depth first; a code whose columns are all blank is left out.
 * @category projections
 */
export const functionRows = (
  ctx: TableContext,
  lines: ReadonlyArray<Line>,
  columns: (lines: ReadonlyArray<Line>) => ReadonlyArray<CellSpec>,
  level = 0,
  prefix = "",
): ReadonlyArray<DisclosureRow> => {
  const spec = LEVELS[level]
  if (spec === undefined) return []
  const under = select(lines, { functionPrefix: prefix })
  const codes = distinct(under, (l) => l.line.functionCode.slice(0, spec.digits))
  return codes.flatMap((code) => {
    const mine = select(under, { functionPrefix: code })
    const r = row([code, functionName(ctx, code), ...columns(mine)], {
      kind: spec.kind,
      codes: { function: code },
    })
    if (isEmpty([r])) return []
    return [r, ...functionRows(ctx, mine, columns, level + 1, code)]
  })
}
