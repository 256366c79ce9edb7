/**
 * The 13 tables of the Shanxi county template (domain.md §1.2): id, title without the year, the
 * short column names auditors place findings by, the printed unit (万元, blank zeros) and the
 * builder. The builders live in `tables/`; this list is the one place their layout is named.
 *
 * @module templates/shanxi-county-13/tables
 */
import { WAN_BLANK_ZERO } from "../../display-unit.ts"
import {
  table01,
  table02,
  table03,
  table04,
  table05,
  table06,
  table07,
  table08,
  table09,
  table10,
  table11,
  table12,
  table13,
} from "../../tables/index.ts"
import type { TableLayout } from "../types.ts"

const CODE_NAME_SPLIT = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
const BY_BUDGET = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]

const t = (
  id: string,
  title: string,
  columns: ReadonlyArray<string>,
  build: TableLayout["build"],
): TableLayout => ({
  id,
  title,
  columns,
  unit: WAN_BLANK_ZERO,
  build,
})

/** The tables of `shanxi-county-13`, in order. @category templates */
export const SHANXI_TABLES: ReadonlyArray<TableLayout> = [
  t(
    "1",
    "预算收支总表",
    ["收入项目", "收入金额", "支出项目", "合计", "当年预算安排", "上年结转安排"],
    table01,
  ),
  t(
    "2",
    "预算收入总表",
    [
      "科目编码",
      "科目名称",
      "合计",
      "一般公共预算",
      "政府性基金",
      "国有资本经营预算",
      "财政专户管理资金",
      "单位资金",
      "上年结转",
    ],
    table02,
  ),
  t("3", "预算支出总表", CODE_NAME_SPLIT, table03),
  t("4", "财政拨款收支总表", ["收入项目", "金额", "支出项目", "小计", ...BY_BUDGET.slice(1)], table04),
  t("5", "一般公共预算支出预算表（不含上年结转）", CODE_NAME_SPLIT, table05),
  t(
    "6",
    "一般公共预算安排基本支出分经济科目表（不含上年结转）",
    ["部门预算支出经济科目名称", "政府预算支出经济科目名称", "合计", "人员经费", "公用经费"],
    table06,
  ),
  t("7", "政府性基金预算收入表（不含上年结转）", ["收入科目编码", "科目名称", "政府性基金收入预算"], table07),
  t("8", "政府性基金预算支出表（不含上年结转）", CODE_NAME_SPLIT, table08),
  t(
    "9",
    "国有资本经营预算收支预算表（不含上年结转）",
    ["收入科目编码", "科目名称", "国有资本经营收入预算", ...CODE_NAME_SPLIT],
    table09,
  ),
  t("10", "财政拨款安排“三公”经费支出预算表", ["项目", ...BY_BUDGET], table10),
  t("11", "财政拨款安排机关运行经费预算表", ["单位名称", ...BY_BUDGET], table11),
  t("12", "项目支出预算表（本年预算）", ["项目名称", ...BY_BUDGET, "财政专户管理资金", "单位资金"], table12),
  t("13", "项目支出预算表（上年结转）", ["项目名称", ...BY_BUDGET], table13),
]
