/**
 * The nine tables of `shanghai-district-9` (domain.md §1.3): id, title without the year, short
 * column names, printed unit (元, except table 9 in 万元) and builder.
 *
 * @module templates/shanghai-district-9/tables
 */
import { WAN_ZERO, YUAN_GROUPED_BLANK_ZERO } from "../../display-unit.ts"
import type { TableLayout } from "../types.ts"
import { shanghai01, shanghai02, shanghai03, shanghai04 } from "./tables-income.ts"
import { shanghai05, shanghai06, shanghai07, shanghai08, shanghai09 } from "./tables-spending.ts"

const CODES = ["类", "款", "项", "功能分类科目名称"]
const KIND = [...CODES, "合计", "基本支出", "项目支出"]
const t = (
  id: string,
  title: string,
  columns: ReadonlyArray<string>,
  build: TableLayout["build"],
): TableLayout => ({
  id,
  title,
  columns,
  unit: YUAN_GROUPED_BLANK_ZERO,
  build,
})

/** The tables of `shanghai-district-9`, in order. @category templates */
export const SHANGHAI_TABLES: ReadonlyArray<TableLayout> = [
  t("1", "部门财务收支预算总表", ["收入项目", "收入预算数", "支出项目", "支出预算数"], shanghai01),
  t(
    "2",
    "部门收入预算总表",
    [...CODES, "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],
    shanghai02,
  ),
  t("3", "部门支出预算总表", KIND, shanghai03),
  t(
    "4",
    "部门财政拨款收支预算总表",
    ["收入项目", "收入预算数", "支出项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    shanghai04,
  ),
  t("5", "部门一般公共预算支出功能分类预算表", KIND, shanghai05),
  t("6", "部门政府性基金预算支出功能分类预算表", KIND, shanghai06),
  t("7", "部门国有资本经营预算支出功能分类预算表", KIND, shanghai07),
  t(
    "8",
    "部门一般公共预算基本支出部门预算经济分类预算表",
    ["类", "款", "经济分类科目名称", "合计", "人员经费", "公用经费"],
    shanghai08,
  ),
  {
    ...t(
      "9",
      "部门“三公”经费和机关运行经费预算表",
      [
        "合计",
        "因公出国(境)费",
        "公务接待费",
        "公务用车购置及运行费小计",
        "购置费",
        "运行费",
        "机关运行经费预算数",
      ],
      shanghai09,
    ),
    unit: WAN_ZERO,
  },
]
