/**
 * Table 11, 财政拨款安排机关运行经费预算表: current-year 财政拨款 basic 公用经费 of the units that
 * have 机关运行经费 by definition (行政 and 参公 units), a 部门合计 row and one row per such unit.
 *
 * @module tables/table-11
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { FISCAL, select, type Line } from "../ledger.ts"
import { row, table } from "../row.ts"

const split = (ls: ReadonlyArray<Line>) => [ls, ...FISCAL.map((s) => select(ls, { sources: [s] }))]

/** Builds table 11. @category projections */
export const table11 = (ctx: TableContext): DisclosureTable => {
  const units = ctx.units.filter(
    (u) => u.unitType === "administrative" || u.unitType === "civil-service-managed",
  )
  const ls = select(ctx.lines, {
    vintage: "current",
    sources: FISCAL,
    kind: "basic",
    category: "public",
    units: new Set(units.map((u) => u.unitCode)),
  })
  return table(
    "11",
    `${ctx.year}年财政拨款安排机关运行经费预算表`,
    [
      ["单位名称", `${ctx.year}预算数`, "", "", ""],
      ["", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ],
    [
      row(["部门合计", ...split(ls)], { kind: "total" }),
      ...units.map((u) =>
        row([u.name, ...split(select(ls, { unit: u.unitCode }))], {
          kind: "unit",
          codes: { unit: u.unitCode },
        }),
      ),
    ],
  )
}
