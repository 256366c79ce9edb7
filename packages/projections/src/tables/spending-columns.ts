/**
 * The 合计 / 基本支出 / 项目支出 columns shared by tables 3, 5, 8 and 9.
 *
 * @module tables/spending-columns
 */
import { select, type Line } from "../ledger.ts"

/** [all, basic, project] lines. @category projections */
export const byKind = (ls: ReadonlyArray<Line>): ReadonlyArray<ReadonlyArray<Line>> => [
  ls,
  select(ls, { kind: "basic" }),
  select(ls, { kind: "project" }),
]

/** The header of a 合计/基本/项目 table with a year group row. @category models */
export const spendingHeader = (year: number): ReadonlyArray<ReadonlyArray<string>> => [
  ["项目", "", `${year}年预算数`, "", ""],
  ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
]
