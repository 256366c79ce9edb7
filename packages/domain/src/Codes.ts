/**
 * The closed vocabularies of the budget domain, as stable ASCII literals. Chinese labels live in the
 * taxonomy data, so a renamed label never breaks a stored event.
 *
 * @module Codes
 */
import { Schema } from "effect"

/**
 * 资金来源: every funding source a line can carry — the one list of the codebase. The three
 * budgets of 财政拨款 first; then Shanxi's 财政专户管理资金 and 单位资金, and the sources the
 * Shanghai template prints instead of 单位资金 (事业收入, 事业单位经营收入, 其他收入). Each template
 * says how it groups them into its columns.
 * @category models
 */
export const FundingSource = Schema.Literals([
  "general-budget", // 一般公共预算
  "government-fund", // 政府性基金预算
  "state-capital", // 国有资本经营预算
  "special-account", // 财政专户管理资金
  "unit-funds", // 单位资金
  "business-income", // 事业收入
  "operating-income", // 事业单位经营收入
  "other-income", // 其他收入
])
/** @category models */
export type FundingSource = typeof FundingSource.Type

/** Every funding source, in the order above. @category models */
export const FUNDING_SOURCES: ReadonlyArray<FundingSource> = FundingSource.literals

/** The sources Shanxi prints together as 单位资金 (the unit's own money, neither budget nor 财政专户). @category models */
export const UNIT_OWN_SOURCES: ReadonlyArray<FundingSource> = [
  "unit-funds",
  "business-income",
  "operating-income",
  "other-income",
]

/**
 * The regional templates a department can publish with. The id is stored in the events, so this
 * is the vocabulary; each id has its module in `@ledger/projections` (the registry's type makes a
 * missing module a compile error). An unknown id is refused naming the id and the known ones.
 * @category models
 */
export const TEMPLATE_IDS = ["shanxi-county-13", "shanghai-district-9"] as const
/** @category models */
export type TemplateId = (typeof TEMPLATE_IDS)[number]
/** True for a known template id. @category models */
export const isTemplateId = (s: string): s is TemplateId =>
  (TEMPLATE_IDS as ReadonlyArray<string>).includes(s)
/** A template id as events and documents carry it. @category models */
export const TemplateId = Schema.String.check(
  Schema.makeFilter((s: string) =>
    isTemplateId(s) ? true : `unknown template "${s}"; the known templates are ${TEMPLATE_IDS.join(", ")}`,
  ),
).pipe(Schema.refine(isTemplateId))

/** The funding sources that count as 财政拨款. @category models */
export const FISCAL_APPROPRIATION_SOURCES: ReadonlyArray<FundingSource> = [
  "general-budget",
  "government-fund",
  "state-capital",
]

/** 单位类型: decides the government economic mapping and whether 机关运行经费 applies. @category models */
export const UnitType = Schema.Literals([
  "administrative", // 行政单位
  "civil-service-managed", // 参照公务员法管理的事业单位 (参公)
  "public-institution", // 事业单位
])
/** @category models */
export type UnitType = typeof UnitType.Type

/** 基本支出 split: 人员经费 or 公用经费, stored per line because some regions book part of 303 as 公用. @category models */
export const BasicCategory = Schema.Literals(["personnel", "public"])
/** @category models */
export type BasicCategory = typeof BasicCategory.Type

/** 项目类别 of 项目支出 under 预算管理一体化. @category models */
export const ProjectCategory = Schema.Literals([
  "other-operation", // 其他运转类
  "specific-target", // 特定目标类
])
/** @category models */
export type ProjectCategory = typeof ProjectCategory.Type

/** 项目属性: one-off, recurring or phased. @category models */
export const ProjectLife = Schema.Literals(["one-off", "recurring", "phased"])
/** @category models */
export type ProjectLife = typeof ProjectLife.Type

/** “三公” categories; vehicle costs split into purchase and operation. @category models */
export const ThreePublicCategory = Schema.Literals([
  "abroad", // 因公出国（境）费
  "reception", // 公务接待费
  "vehicle-purchase", // 公务用车购置费
  "vehicle-operation", // 公务用车运行维护费
])
/** @category models */
export type ThreePublicCategory = typeof ThreePublicCategory.Type

/** 政府采购 category of a budget line. @category models */
export const ProcurementCategory = Schema.Literals(["goods", "works", "services"])
/** @category models */
export type ProcurementCategory = typeof ProcurementCategory.Type

/** 7-digit 项 code of the functional classification (e.g. 2010301). @category models */
export const FunctionCode = Schema.String.check(
  Schema.isPattern(/^\d{7}$/, { message: 'must be a 7-digit functional (项) code, e.g. "2010301"' }),
)
/** 5-digit 部门预算支出经济分类 款 code (e.g. 30101). @category models */
export const DeptEconomicCode = Schema.String.check(
  Schema.isPattern(/^3\d{4}$/, { message: 'must be a 5-digit department economic code, e.g. "30101"' }),
)
/** 5-digit 政府预算支出经济分类 款 code (e.g. 50101). @category models */
export const GovEconomicCode = Schema.String.check(
  Schema.isPattern(/^5\d{4}$/, { message: 'must be a 5-digit government economic code, e.g. "50101"' }),
)
/** A fiscal year. @category models */
export const FiscalYear = Schema.Int.check(
  Schema.isBetween(
    { minimum: 2000, maximum: 2100 },
    { message: "must be a fiscal year between 2000 and 2100" },
  ),
)
/** 主管部门 code (e.g. "002"). @category models */
export const DepartmentCode = Schema.String.check(
  Schema.isPattern(/^[0-9A-Za-z]{1,12}$/, { message: "must be a department code of 1–12 letters or digits" }),
)
/** A client-chosen identifier: unit code, project id, line id. @category models */
export const Identifier = Schema.String.check(
  Schema.isPattern(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/, {
    message: "must be 1–64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
  }),
)
/** Human text with a sane size limit. @category models */
export const Text = Schema.String.check(Schema.isMaxLength(20000))
/** Non-empty human text. @category models */
export const NonEmptyText = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(20000))
const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z)?$/

/** The years a business date or an as-of instant may name; 0000 and 9999 are typing accidents. @category models */
export const DATE_YEARS = { minimum: 1900, maximum: 2199 } as const

/**
 * Why an ISO date or UTC instant names no real moment (2026-02-30, month 13, hour 25, year 0000),
 * or undefined when it does or when it does not even have the ISO shape (the pattern reports that).
 * @category validation
 */
export const calendarProblem = (s: string): string | undefined => {
  const m = ISO_SHAPE.exec(s)
  if (m === null) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (year < DATE_YEARS.minimum || year > DATE_YEARS.maximum)
    return `names the year ${m[1]}, outside ${DATE_YEARS.minimum}–${DATE_YEARS.maximum}`
  if (month < 1 || month > 12) return `names the month ${m[2]}, which does not exist`
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > days) return `names day ${m[3]} of a month of ${days} days`
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59))
    return `names the time ${m[4]}:${m[5]}:${m[6]}, which does not exist`
  return undefined
}

/** A check refusing ISO dates and instants that name no real moment. @category validation */
export const isCalendarDate = Schema.makeFilter<string>((s) => calendarProblem(s) ?? true, {
  description: "a real calendar date",
})

/** ISO date (YYYY-MM-DD) or date-time of a real calendar day: the business date of an event. @category models */
export const IsoDate = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$/, {
    message: 'must be a date "2026-01-20" or a UTC instant "2026-01-20T01:00:00Z"',
  }),
  isCalendarDate,
)
