/**
 * The Shanxi county template (domain.md §1.2): the 13 table titles and their column layout. This is
 * template knowledge, not data of any department, so it may live in code; rules address cells by
 * these column positions.
 *
 * @module template
 */

/** A table of the template: its title without the year, and a short name per column for places. @category models */
export interface TableSpec {
  readonly id: string
  readonly title: string
  readonly columns: ReadonlyArray<string>
}

/** The 13 tables, in order. @category models */
export const TABLES: ReadonlyArray<TableSpec> = [
  {
    id: "1",
    title: "预算收支总表",
    columns: ["收入项目", "收入金额", "支出项目", "合计", "当年预算安排", "上年结转安排"],
  },
  {
    id: "2",
    title: "预算收入总表",
    columns: [
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
  },
  { id: "3", title: "预算支出总表", columns: ["科目编码", "科目名称", "合计", "基本支出", "项目支出"] },
  {
    id: "4",
    title: "财政拨款收支总表",
    columns: ["收入项目", "金额", "支出项目", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
  },
  {
    id: "5",
    title: "一般公共预算支出预算表（不含上年结转）",
    columns: ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
  },
  {
    id: "6",
    title: "一般公共预算安排基本支出分经济科目表（不含上年结转）",
    columns: ["部门预算支出经济科目名称", "政府预算支出经济科目名称", "合计", "人员经费", "公用经费"],
  },
  {
    id: "7",
    title: "政府性基金预算收入表（不含上年结转）",
    columns: ["收入科目编码", "科目名称", "政府性基金收入预算"],
  },
  {
    id: "8",
    title: "政府性基金预算支出表（不含上年结转）",
    columns: ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
  },
  {
    id: "9",
    title: "国有资本经营预算收支预算表（不含上年结转）",
    columns: [
      "收入科目编码",
      "科目名称",
      "国有资本经营收入预算",
      "科目编码",
      "科目名称",
      "合计",
      "基本支出",
      "项目支出",
    ],
  },
  {
    id: "10",
    title: "财政拨款安排“三公”经费支出预算表",
    columns: ["项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
  },
  {
    id: "11",
    title: "财政拨款安排机关运行经费预算表",
    columns: ["单位名称", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
  },
  {
    id: "12",
    title: "项目支出预算表（本年预算）",
    columns: [
      "项目名称",
      "合计",
      "一般公共预算",
      "政府性基金预算",
      "国有资本经营预算",
      "财政专户管理资金",
      "单位资金",
    ],
  },
  {
    id: "13",
    title: "项目支出预算表（上年结转）",
    columns: ["项目名称", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
  },
]

/** The spec of a table id. @category models */
export const spec = (id: string): TableSpec | undefined => TABLES.find((t) => t.id === id)

/** The column name of a table column, for places. @category models */
export const columnName = (id: string, col: number): string => spec(id)?.columns[col] ?? `列${col + 1}`
