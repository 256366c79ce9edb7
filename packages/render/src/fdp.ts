/**
 * The open-data forms of a published disclosure: a Fiscal Data Package (`datapackage.json` and
 * `budget-lines.csv` of every budget line with its classification codes, unit, funding source,
 * vintage and amount in 元, zipped) and NDJSON of the same lines. The descriptor's `mapping` tells
 * an FDP reader which columns are the amount and which the functional, economic and administrative
 * classifications; the document hash ties the package to the document it explains.
 *
 * @module fdp
 */
import type { Disclosure, OpenDataLine } from "@ledger/projections"
import { utf8, zip } from "./zip.ts"

type Column = {
  readonly name: string
  readonly key: keyof OpenDataLine
  readonly type: "string" | "integer" | "number"
  readonly title: string
}

/** The CSV columns, in order: the open-data line fields in snake_case. */
const COLUMNS: ReadonlyArray<Column> = [
  { name: "fiscal_year", key: "fiscalYear", type: "integer", title: "预算年度" },
  { name: "department_code", key: "departmentCode", type: "string", title: "部门编码" },
  { name: "department_name", key: "departmentName", type: "string", title: "部门名称" },
  { name: "unit_code", key: "unitCode", type: "string", title: "单位编码" },
  { name: "unit_name", key: "unitName", type: "string", title: "单位名称" },
  { name: "unit_type", key: "unitType", type: "string", title: "单位类型" },
  { name: "line_id", key: "lineId", type: "string", title: "指标编号" },
  { name: "vintage", key: "vintage", type: "string", title: "当年/上年结转" },
  { name: "origin_year", key: "originYear", type: "string", title: "结转来源年度" },
  { name: "source_line_id", key: "sourceLineId", type: "string", title: "结转来源指标" },
  { name: "funding_source", key: "fundingSource", type: "string", title: "资金来源" },
  { name: "funding_source_name", key: "fundingSourceName", type: "string", title: "资金来源名称" },
  { name: "function_class", key: "functionClass", type: "string", title: "功能分类类" },
  { name: "function_kuan", key: "functionKuan", type: "string", title: "功能分类款" },
  { name: "function_code", key: "functionCode", type: "string", title: "功能分类项" },
  { name: "function_name", key: "functionName", type: "string", title: "功能分类名称" },
  { name: "expenditure_kind", key: "expenditureKind", type: "string", title: "基本/项目" },
  { name: "basic_category", key: "basicCategory", type: "string", title: "人员/公用" },
  { name: "project_id", key: "projectId", type: "string", title: "项目编码" },
  { name: "project_name", key: "projectName", type: "string", title: "项目名称" },
  { name: "dept_economic_code", key: "deptEconomicCode", type: "string", title: "部门经济分类" },
  { name: "dept_economic_name", key: "deptEconomicName", type: "string", title: "部门经济分类名称" },
  { name: "gov_economic_code", key: "govEconomicCode", type: "string", title: "政府经济分类" },
  { name: "gov_economic_name", key: "govEconomicName", type: "string", title: "政府经济分类名称" },
  { name: "three_public", key: "threePublic", type: "string", title: "三公经费" },
  { name: "procurement", key: "procurement", type: "string", title: "政府采购" },
  { name: "amount", key: "amount", type: "number", title: "金额（元）" },
]

const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)

/** The budget lines as CSV (RFC 4180, UTF-8, header row of column names). @category rendering */
export const budgetLinesCsv = (lines: ReadonlyArray<OpenDataLine>): string =>
  [COLUMNS.map((c) => c.name), ...lines.map((l) => COLUMNS.map((c) => String(l[c.key])))]
    .map((r) => r.map(field).join(","))
    .join("\r\n") + "\r\n"

const attr = (source: string, extra: Record<string, string> = {}) => ({ source, ...extra })

/**
 * The `datapackage.json` descriptor: a Fiscal Data Package (v0.3 mapping) over one resource.
 * @category rendering
 */
export const fdpDescriptor = (d: Disclosure): Record<string, unknown> => ({
  name: `budget-${d.department.code}-${d.fiscalYear}`.toLowerCase().replace(/[^a-z0-9._-]/g, "-"),
  title: `${d.department.name}${d.fiscalYear}年部门预算`,
  description: `${d.department.name}${d.fiscalYear}年部门预算公开的预算指标（元），与文档 ${d.documentHash} 的表格同源。`,
  profile: "fiscal-data-package",
  version: d.documentHash,
  countryCode: "CN",
  granularity: "aggregated",
  fiscalPeriod: { start: `${d.fiscalYear}-01-01`, end: `${d.fiscalYear}-12-31` },
  documentHash: d.documentHash,
  asOf: d.asOf,
  resources: [
    {
      name: "budget-lines",
      path: "budget-lines.csv",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      schema: { fields: COLUMNS.map((c) => ({ name: c.name, type: c.type, title: c.title })) },
    },
  ],
  mapping: {
    measures: {
      amount: { source: "amount", currency: "CNY", factor: 1, direction: "expenditure", phase: "approved" },
    },
    dimensions: {
      fiscal_year: {
        attributes: { fiscal_year: attr("fiscal_year") },
        primaryKey: "fiscal_year",
        dimensionType: "datetime",
      },
      administrative: {
        attributes: {
          department_code: attr("department_code"),
          department_name: attr("department_name", { labelfor: "department_code" }),
          unit_code: attr("unit_code", { parent: "department_code" }),
          unit_name: attr("unit_name", { labelfor: "unit_code" }),
        },
        primaryKey: "unit_code",
        dimensionType: "classification",
        classificationType: "administrative",
      },
      functional: {
        attributes: {
          function_class: attr("function_class"),
          function_kuan: attr("function_kuan", { parent: "function_class" }),
          function_code: attr("function_code", { parent: "function_kuan" }),
          function_name: attr("function_name", { labelfor: "function_code" }),
        },
        primaryKey: "function_code",
        dimensionType: "classification",
        classificationType: "functional",
      },
      economic: {
        attributes: {
          dept_economic_code: attr("dept_economic_code"),
          dept_economic_name: attr("dept_economic_name", { labelfor: "dept_economic_code" }),
          gov_economic_code: attr("gov_economic_code"),
          gov_economic_name: attr("gov_economic_name", { labelfor: "gov_economic_code" }),
          basic_category: attr("basic_category"),
        },
        primaryKey: ["dept_economic_code", "gov_economic_code"],
        dimensionType: "classification",
        classificationType: "economic",
      },
      funding_source: {
        attributes: {
          funding_source: attr("funding_source"),
          funding_source_name: attr("funding_source_name", { labelfor: "funding_source" }),
        },
        primaryKey: "funding_source",
        dimensionType: "other",
      },
      project: {
        attributes: {
          expenditure_kind: attr("expenditure_kind"),
          project_id: attr("project_id"),
          project_name: attr("project_name", { labelfor: "project_id" }),
        },
        primaryKey: ["expenditure_kind", "project_id"],
        dimensionType: "activity",
      },
      vintage: {
        attributes: {
          vintage: attr("vintage"),
          origin_year: attr("origin_year"),
          source_line_id: attr("source_line_id"),
        },
        primaryKey: "vintage",
        dimensionType: "other",
      },
      line: {
        attributes: {
          line_id: attr("line_id"),
          unit_type: attr("unit_type"),
          three_public: attr("three_public"),
          procurement: attr("procurement"),
        },
        primaryKey: "line_id",
        dimensionType: "fact",
      },
    },
  },
})

/** The Fiscal Data Package as one deterministic ZIP: `datapackage.json`, `budget-lines.csv`. @category rendering */
export const renderFdp = (d: Disclosure, lines: ReadonlyArray<OpenDataLine>): Uint8Array =>
  zip([
    { name: "datapackage.json", data: utf8(JSON.stringify(fdpDescriptor(d), null, 2) + "\n") },
    { name: "budget-lines.csv", data: utf8(budgetLinesCsv(lines)) },
  ])

/** The budget lines as NDJSON, one open-data line per row, with the document hash on each. @category rendering */
export const renderLinesNdjson = (d: Disclosure, lines: ReadonlyArray<OpenDataLine>): string =>
  lines.map((l) => JSON.stringify({ ...l, documentHash: d.documentHash })).join("\n") +
  (lines.length > 0 ? "\n" : "")
