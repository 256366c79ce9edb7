/**
 * Row helpers of the Shanghai district template: the functional classification printed with its
 * code split into 类 / 款 / 项 columns ("208 05 01"), only codes with a figure, depth first; and the
 * classes with money numbered 一、二 … as tables 1 and 4 list them.
 *
 * @module templates/shanghai-district-9/rows
 */
import type { TableContext } from "../../context.ts"
import { functionName } from "../../context.ts"
import type { DisclosureRow } from "../../disclosure-schema.ts"
import { YUAN_GROUPED_BLANK_ZERO } from "../../display-unit.ts"
import { distinct, select, type Line } from "../../ledger.ts"
import { toChineseNumeral } from "../../narrative/chinese-numerals.ts"
import { isEmpty, row, type CellSpec } from "../../row.ts"
import { functionRows, type FunctionRowLayout } from "../../function-tree.ts"

/** Amount columns of a row from the lines under it. @category models */
export type Columns = (lines: ReadonlyArray<Line>) => ReadonlyArray<CellSpec>

/** "2080501" → ["208", "05", "01"]; "20805" → ["208", "05", ""]. @category projections */
const splitCode = (code: string): ReadonlyArray<string> => [
  code.slice(0, 3),
  code.slice(3, 5),
  code.slice(5, 7),
]

/** Split code columns, amounts in 元 grouped with blank zeros. */
const SPLIT_CODE_YUAN: FunctionRowLayout = { codeCells: splitCode, unit: YUAN_GROUPED_BLANK_ZERO }

/** `[类, 款, 项, name, ...columns]` for every function code with a figure, depth first. @category projections */
export const splitFunctionRows = (
  ctx: TableContext,
  lines: ReadonlyArray<Line>,
  columns: Columns,
): ReadonlyArray<DisclosureRow> => functionRows(ctx, lines, columns, SPLIT_CODE_YUAN)

/** The function classes that carry money, numbered "一、…" in code order. @category projections */
export const numberedClasses = (
  ctx: TableContext,
  lines: ReadonlyArray<Line>,
): ReadonlyArray<{ readonly code: string; readonly label: string; readonly lines: ReadonlyArray<Line> }> =>
  distinct(lines, (l) => l.line.functionCode.slice(0, 3))
    .map((code) => ({ code, lines: select(lines, { functionPrefix: code }) }))
    .filter((c) => !isEmpty([row(["", c.lines], { unit: YUAN_GROUPED_BLANK_ZERO })]))
    .map((c, i) => ({ ...c, label: `${toChineseNumeral(i + 1)}、${functionName(ctx, c.code)}` }))

/** A row in 元 (blank zeros). @category constructors */
export const yuanRow = (
  cells: ReadonlyArray<CellSpec>,
  meta: Parameters<typeof row>[1] = {},
): DisclosureRow => row(cells, { ...meta, unit: YUAN_GROUPED_BLANK_ZERO })
