/**
 * Tables 1–4 of the Shanghai district template (domain.md §1.3), in 元: 财务收支预算总表, 收入预算总表,
 * 支出预算总表 and 财政拨款收支预算总表. Current-year money only (the template has no 上年结转); the
 * functional code split into 类 / 款 / 项 columns; the 合计 row last; only classes with money.
 *
 * @module templates/shanghai-district-9/tables-income
 */
import type { TableContext } from "../../context.ts"
import type { DisclosureTable } from "../../disclosure-schema.ts"
import { YUAN_GROUPED_BLANK_ZERO } from "../../display-unit.ts"
import { FISCAL, select, type Line } from "../../ledger.ts"
import { toChineseNumeral } from "../../narrative/chinese-numerals.ts"
import { table } from "../../row.ts"
import { numberedClasses, splitFunctionRows, yuanRow } from "./rows.ts"
import { SHANGHAI_INCOME } from "./sources.ts"

const UNIT = { unit: YUAN_GROUPED_BLANK_ZERO } as const
const current = (ctx: TableContext) => select(ctx.lines, { vintage: "current" })
const title = (ctx: TableContext, name: string) => `${ctx.year}年部门${name}`
const CODE_HEADER = ["类", "款", "项"]

/** Table 1, 财务收支预算总表. @category projections */
export const shanghai01 = (ctx: TableContext): DisclosureTable => {
  const ls = current(ctx)
  const [fiscal, ...others] = SHANGHAI_INCOME
  const income: Array<readonly [string, ReadonlyArray<Line>]> = [
    [`一、${fiscal?.label ?? ""}`, select(ls, { sources: FISCAL })],
    ...FISCAL.map(
      (s, i) => [`${i + 1}. ${ctx.taxonomy.fundingSourceName(s)}`, select(ls, { sources: [s] })] as const,
    ),
    ...others.map(
      (c, i) => [`${toChineseNumeral(i + 2)}、${c.label}`, select(ls, { sources: c.sources })] as const,
    ),
  ]
  const classes = numberedClasses(ctx, ls)
  const n = Math.max(income.length, classes.length)
  const rows = Array.from({ length: n }, (_, i) => {
    const inc = income[i]
    const cls = classes[i]
    return yuanRow([...(inc ?? ["", ""]), ...(cls === undefined ? ["", ""] : [cls.label, cls.lines])], {
      kind: "class",
      ...(cls === undefined ? {} : { codes: { functionClass: cls.code } }),
    })
  })
  return table(
    "1",
    title(ctx, "财务收支预算总表"),
    [
      ["本年收入", "", "本年支出", ""],
      ["项目", "预算数", "项目", "预算数"],
    ],
    [...rows, yuanRow(["收入总计", ls, "支出总计", ls], { kind: "total" })],
    [],
    UNIT,
  )
}

/** Table 2, 收入预算总表: by function code, 合计 then each income column. @category projections */
export const shanghai02 = (ctx: TableContext): DisclosureTable => {
  const columns = (ls: ReadonlyArray<Line>) => [
    ls,
    ...SHANGHAI_INCOME.map((c) => select(ls, { sources: c.sources })),
  ]
  const ls = current(ctx)
  return table(
    "2",
    title(ctx, "收入预算总表"),
    [
      ["项目", "", "", "", "收入预算", "", "", "", ""],
      ["功能分类科目编码", "", "", "功能分类科目名称", "合计", ...SHANGHAI_INCOME.map((c) => c.label)],
      [...CODE_HEADER, "", "", "", "", "", ""],
    ],
    [
      ...splitFunctionRows(ctx, ls, columns),
      yuanRow(["合计", "", "", "", ...columns(ls)], { kind: "total" }),
    ],
    [],
    UNIT,
  )
}

/** 合计 / 基本支出 / 项目支出 of some lines. @category projections */
const byKind = (ls: ReadonlyArray<Line>): ReadonlyArray<ReadonlyArray<Line>> => [
  ls,
  select(ls, { kind: "basic" }),
  select(ls, { kind: "project" }),
]

/** A 合计 / 基本 / 项目 table over some lines, by function code, with the empty note the template words. @category projections */
export const spendingTable = (
  ctx: TableContext,
  id: string,
  name: string,
  group: string,
  ls: ReadonlyArray<Line>,
  emptyNote?: string,
): DisclosureTable =>
  table(
    id,
    title(ctx, name),
    [
      ["项目", "", "", "", group, "", ""],
      ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
      [...CODE_HEADER, "", "", "", ""],
    ],
    [...splitFunctionRows(ctx, ls, byKind), yuanRow(["合计", "", "", "", ...byKind(ls)], { kind: "total" })],
    [],
    emptyNote === undefined ? UNIT : { ...UNIT, emptyNote },
  )

/** Table 3, 支出预算总表. @category projections */
export const shanghai03 = (ctx: TableContext): DisclosureTable =>
  spendingTable(ctx, "3", "支出预算总表", "支出预算", current(ctx))

/** Table 4, 财政拨款收支预算总表: income by budget beside 财政拨款 spending by class and budget. @category projections */
export const shanghai04 = (ctx: TableContext): DisclosureTable => {
  const ls = select(current(ctx), { sources: FISCAL })
  const split = (x: ReadonlyArray<Line>) => [x, ...FISCAL.map((s) => select(x, { sources: [s] }))]
  const income = FISCAL.map(
    (s, i) =>
      [
        `${toChineseNumeral(i + 1)}、${ctx.taxonomy.fundingSourceName(s)}`,
        select(ls, { sources: [s] }),
      ] as const,
  )
  const classes = numberedClasses(ctx, ls)
  const n = Math.max(income.length, classes.length)
  const rows = Array.from({ length: n }, (_, i) => {
    const inc = income[i]
    const cls = classes[i]
    return yuanRow(
      [
        ...(inc ?? ["", ""]),
        ...(cls === undefined ? ["", "", "", "", ""] : [cls.label, ...split(cls.lines)]),
      ],
      { kind: "class", ...(cls === undefined ? {} : { codes: { functionClass: cls.code } }) },
    )
  })
  return table(
    "4",
    title(ctx, "财政拨款收支预算总表"),
    [
      ["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
      ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ],
    [...rows, yuanRow(["收入总计", ls, "支出总计", ...split(ls)], { kind: "total" })],
    [],
    UNIT,
  )
}
