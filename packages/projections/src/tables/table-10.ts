/**
 * Table 10, 财政拨款安排“三公”经费支出预算表: current-year 财政拨款 lines tagged with a 三公
 * category, basic or project alike (the 公务用车运行维护费 of the reference department is project
 * money), split by the three fiscal budgets.
 *
 * @module tables/table-10
 */
import type { Codes } from "@ledger/domain"
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { FISCAL, select, type Line } from "../ledger.ts"
import { row, table } from "../row.ts"

const split = (ls: ReadonlyArray<Line>) => [ls, ...FISCAL.map((s) => select(ls, { sources: [s] }))]

/** Builds table 10. @category projections */
export const table10 = (ctx: TableContext): DisclosureTable => {
  const tx = ctx.taxonomy
  const ls = select(ctx.lines, { vintage: "current", sources: FISCAL }).filter(
    (l) => l.line.threePublic !== undefined,
  )
  const of = (c: Codes.ThreePublicCategory) => select(ls, { threePublic: c })
  const vehicles = [...of("vehicle-purchase"), ...of("vehicle-operation")]
  const item = (label: string, c: Codes.ThreePublicCategory) =>
    row([label, ...split(of(c))], { kind: "item", codes: { threePublic: c } })
  return table(
    "10",
    `${ctx.year}年财政拨款安排“三公”经费支出预算表`,
    [
      ["项目", `${ctx.year}年预算数`, "", "", ""],
      ["", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ],
    [
      item(tx.threePublicName("abroad"), "abroad"),
      item(tx.threePublicName("reception"), "reception"),
      row(["公务用车购置及运行费", ...split(vehicles)], { kind: "item", codes: { threePublic: "vehicle" } }),
      item(`①${tx.threePublicName("vehicle-purchase")}`, "vehicle-purchase"),
      item(`②${tx.threePublicName("vehicle-operation")}`, "vehicle-operation"),
      row(["合计", ...split(ls)], { kind: "total" }),
    ],
  )
}
