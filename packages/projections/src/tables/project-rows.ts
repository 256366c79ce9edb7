/**
 * The department → unit → project rows of tables 12 and 13: a department row, then each unit that
 * has project money in the table, each followed by its projects, in code order.
 *
 * @module tables/project-rows
 */
import type { DisclosureRow } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { hasData, select, type Line } from "../ledger.ts"
import { row, type CellSpec } from "../row.ts"

/** Rows for the project lines given, with `columns` giving the amount cells of a set of lines. @category projections */
export const projectRows = (
  ctx: TableContext,
  lines: ReadonlyArray<Line>,
  columns: (ls: ReadonlyArray<Line>) => ReadonlyArray<CellSpec>,
): ReadonlyArray<DisclosureRow> => [
  row([ctx.departmentName, ...columns(lines)], { kind: "department" }),
  ...ctx.units.flatMap((u) => {
    const mine = select(lines, { unit: u.unitCode })
    if (!hasData(mine)) return []
    const projects = ctx.projects
      .filter((p) => p.unitCode === u.unitCode)
      .map((p) => ({ p, ls: select(mine, { project: p.projectId }) }))
      .filter(({ ls }) => hasData(ls))
      .map(({ p, ls }) =>
        row([p.name, ...columns(ls)], { kind: "project", codes: { unit: u.unitCode, project: p.projectId } }),
      )
    return [row([u.name, ...columns(mine)], { kind: "unit", codes: { unit: u.unitCode } }), ...projects]
  }),
]
