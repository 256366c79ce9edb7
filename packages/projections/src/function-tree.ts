/**
 * The 类 → 款 → 项 hierarchy of the functional classification, as tables 2, 3, 5 and 8 print it:
 * each level with its code and name, ordered by code, only codes that carry a figure.
 *
 * @module function-tree
 */
import type { DisclosureRow } from "./disclosure-schema.ts"
import { functionName, type TableContext } from "./context.ts"
import { select, type Line } from "./ledger.ts"
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
 * The lines under each code of `digits` digits, in the lines' order, codes sorted: one pass over
 * the lines instead of a `select` per code. A function code is 7 digits, so the lines whose code
 * starts with a 类 or 款 are exactly those whose first 3 or 5 digits are it; a shorter code (which
 * the schema does not let in) would also start longer ones, so it takes `select` as before.
 */
const byCode = (
  lines: ReadonlyArray<Line>,
  digits: number,
): ReadonlyArray<readonly [string, ReadonlyArray<Line>]> => {
  const groups = new Map<string, Array<Line>>()
  for (const l of lines) {
    const code = l.line.functionCode.slice(0, digits)
    const mine = groups.get(code)
    if (mine === undefined) groups.set(code, [l])
    else mine.push(l)
  }
  return [...groups.keys()]
    .sort()
    .map((code) => [
      code,
      code.length < digits ? select(lines, { functionPrefix: code }) : (groups.get(code) ?? []),
    ])
}

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
): ReadonlyArray<DisclosureRow> => {
  const spec = LEVELS[level]
  if (spec === undefined) return []
  return byCode(lines, spec.digits).flatMap(([code, mine]) => {
    const r = row([...layout.codeCells(code), functionName(ctx, code), ...columns(mine)], {
      kind: spec.kind,
      codes: { function: code },
      ...(layout.unit !== undefined ? { unit: layout.unit } : {}),
    })
    if (isEmpty([r])) return []
    return [r, ...functionRows(ctx, mine, columns, layout, level + 1)]
  })
}
