/**
 * Tables 5–9 of the Shanghai district template: the function tables of each budget (an empty one
 * says why in the template's words), the economic table of 一般公共预算 basic spending by code with
 * 人员/公用 columns (each line's own flag decides, never its code), and the “三公” and 机关运行经费
 * table in 万元 with zeros printed.
 *
 * @module templates/shanghai-district-9/tables-spending
 */
import type { Codes } from "@ledger/domain"
import { nameOr, type TableContext } from "../../context.ts"
import type { DisclosureTable } from "../../disclosure-schema.ts"
import { WAN_ZERO, YUAN_GROUPED_BLANK_ZERO } from "../../display-unit.ts"
import { distinct, FISCAL, select, type Line } from "../../ledger.ts"
import { row, table } from "../../row.ts"
import { yuanRow } from "./rows.ts"
import { spendingTable } from "./tables-income.ts"

const current = (ctx: TableContext, s: Codes.FundingSource) =>
  select(ctx.lines, { vintage: "current", sources: [s] })
const noData = (what: string) => `注：本年度无${what}，故本表无数据`

/** Table 5, 一般公共预算支出功能分类预算表. @category projections */
export const shanghai05 = (ctx: TableContext): DisclosureTable =>
  spendingTable(
    ctx,
    "5",
    "一般公共预算支出功能分类预算表",
    "一般公共预算支出",
    current(ctx, "general-budget"),
  )

/** Table 6, 政府性基金预算支出功能分类预算表. @category projections */
export const shanghai06 = (ctx: TableContext): DisclosureTable =>
  spendingTable(
    ctx,
    "6",
    "政府性基金预算支出功能分类预算表",
    "政府性基金预算支出",
    current(ctx, "government-fund"),
    noData("政府性基金预算支出"),
  )

/** Table 7, 国有资本经营预算支出功能分类预算表. @category projections */
export const shanghai07 = (ctx: TableContext): DisclosureTable =>
  spendingTable(
    ctx,
    "7",
    "国有资本经营预算支出功能分类预算表",
    "国有资本经营预算支出",
    current(ctx, "state-capital"),
    noData("国有资本经营预算支出"),
  )

const econColumns = (ls: ReadonlyArray<Line>) => [
  ls,
  select(ls, { category: "personnel" }),
  select(ls, { category: "public" }),
]

/** Table 8, 一般公共预算基本支出部门预算经济分类预算表: 类 and 款 by code. @category projections */
export const shanghai08 = (ctx: TableContext): DisclosureTable => {
  const tx = ctx.taxonomy
  const ls = select(current(ctx, "general-budget"), { kind: "basic" })
  const econ = (l: Line) => l.line.expenditure.deptEconomicCode
  const body = distinct(ls, (l) => econ(l)?.slice(0, 3)).flatMap((cls) => {
    const mine = select(ls, { deptEconomicPrefix: cls })
    return [
      yuanRow([cls, "", nameOr(tx.deptEconomicName(cls), cls), ...econColumns(mine)], {
        kind: "class",
        codes: { deptEconomic: cls },
      }),
      ...distinct(mine, econ).map((code) =>
        yuanRow(
          [
            cls,
            code.slice(3),
            nameOr(tx.deptEconomicName(code), code),
            ...econColumns(select(mine, { deptEconomicPrefix: code })),
          ],
          { kind: "kuan", codes: { deptEconomic: code } },
        ),
      ),
    ]
  })
  return table(
    "8",
    `${ctx.year}年部门一般公共预算基本支出部门预算经济分类预算表`,
    [
      ["项目", "", "", "一般公共预算基本支出", "", ""],
      ["部门预算经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"],
      ["类", "款", "", "", "", ""],
    ],
    [...body, yuanRow(["合计", "", "", ...econColumns(ls)], { kind: "total" })],
    [],
    { unit: YUAN_GROUPED_BLANK_ZERO },
  )
}

/** The unit types whose 公用经费 is 机关运行经费 (名词解释: 行政单位 and 参公). @category models */
export const OPERATING_UNIT_TYPES: ReadonlyArray<Codes.UnitType> = ["administrative", "civil-service-managed"]

/** 机关运行经费 as Shanghai defines it: 一般公共预算 basic 公用经费 of 行政 and 参公 units. @category projections */
const operatingCostLines = (ctx: TableContext): ReadonlyArray<Line> => {
  const units = new Set(
    ctx.units.filter((u) => OPERATING_UNIT_TYPES.includes(u.unitType)).map((u) => u.unitCode),
  )
  return select(current(ctx, "general-budget"), { kind: "basic", category: "public", units })
}

/** Table 9, “三公”经费和机关运行经费预算表, in 万元 with zeros printed. @category projections */
export const shanghai09 = (ctx: TableContext): DisclosureTable => {
  const fiscal = select(ctx.lines, { vintage: "current", sources: FISCAL })
  const of = (c: Codes.ThreePublicCategory) => select(fiscal, { threePublic: c })
  const vehicles = [...of("vehicle-purchase"), ...of("vehicle-operation")]
  const all = fiscal.filter((l) => l.line.threePublic !== undefined)
  return table(
    "9",
    `${ctx.year}年部门“三公”经费和机关运行经费预算表`,
    [
      ["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"],
      ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
      ["", "", "", "小计", "购置费", "运行费", ""],
    ],
    [
      row(
        [
          all,
          of("abroad"),
          of("reception"),
          vehicles,
          of("vehicle-purchase"),
          of("vehicle-operation"),
          operatingCostLines(ctx),
        ],
        {
          kind: "item",
          unit: WAN_ZERO,
        },
      ),
    ],
    [],
    { unit: WAN_ZERO },
  )
}
