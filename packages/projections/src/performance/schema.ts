/**
 * The `performanceTargets` field of `budget-disclosure/v1`: one 绩效目标表 per project with
 * recorded targets, laid out as the published form prints it (funds in whole 元 with thousands
 * separators, indicators by 一级/二级/三级 with the implementation-period and annual values).
 *
 * @module performance/schema
 */
import { Schema } from "effect"

/** Funds by source as printed: `"36,000"`, `"0"`, and `""` where the form leaves 其他资金 blank. @category models */
export const PrintedFunds = Schema.Struct({
  total: Schema.String,
  central: Schema.String,
  provincial: Schema.String,
  local: Schema.String,
  selfRaised: Schema.String,
  other: Schema.String,
})
/** @category models */
export type PrintedFunds = typeof PrintedFunds.Type

/**
 * The same funds as amounts: 元 strings with two decimals (`"36000.00"`), `""` for a source the
 * unit did not declare — for machines, where `PrintedFunds` is the display text.
 * @category models
 */
export const FundsYuan = Schema.Struct({
  total: Schema.String,
  central: Schema.String,
  provincial: Schema.String,
  local: Schema.String,
  selfRaised: Schema.String,
  other: Schema.String,
})
/** @category models */
export type FundsYuan = typeof FundsYuan.Type

/** One indicator row: 一级/二级/三级 and value for the implementation period, then for the year. @category models */
export const PrintedIndicator = Schema.Struct({
  level1: Schema.String,
  level2: Schema.String,
  level3: Schema.String,
  value: Schema.String,
  annualLevel2: Schema.String,
  annualLevel3: Schema.String,
  annualValue: Schema.String,
})
/** @category models */
export type PrintedIndicator = typeof PrintedIndicator.Type

/**
 * The funds block of a form that splits money by origin rather than by level of government
 * (Shanghai 申报表): the project's whole life (财政资金 / 其他资金) and this year (当年财政拨款 /
 * 上年结转 / 其他资金), in 元 with two decimals. @category models
 */
const FundsByOrigin = Schema.Struct({
  total: Schema.String,
  fiscal: Schema.String,
  other: Schema.String,
  annualTotal: Schema.String,
  currentYear: Schema.String,
  carryover: Schema.String,
  annualOther: Schema.String,
})

/** One 项目支出绩效目标表. @category models */
export const PerformanceTargetTable = Schema.Struct({
  projectId: Schema.String,
  title: Schema.String,
  yearLabel: Schema.String,
  projectName: Schema.String,
  department: Schema.String,
  unitName: Schema.String,
  life: Schema.String,
  period: Schema.String,
  implementationFunds: PrintedFunds,
  annualFunds: PrintedFunds,
  implementationFundsYuan: FundsYuan,
  annualFundsYuan: FundsYuan,
  overview: Schema.String,
  basis: Schema.String,
  necessity: Schema.String,
  measures: Schema.String,
  plan: Schema.String,
  implementationGoal: Schema.String,
  annualGoal: Schema.String,
  indicators: Schema.Array(PrintedIndicator),
  responsible: Schema.String,
  handler: Schema.String,
  phone: Schema.String,
  filledAt: Schema.String,
  /** 项目类别 (Shanghai 申报表), e.g. 特定目标类. */
  category: Schema.optionalKey(Schema.String),
  /** 计划开始日期 / 计划完成日期 as printed (YYYY-MM-DD). */
  plannedStart: Schema.optionalKey(Schema.String),
  plannedEnd: Schema.optionalKey(Schema.String),
  /** Funds by origin, for forms that print them so (Shanghai 申报表). */
  fundsByOrigin: Schema.optionalKey(FundsByOrigin),
})
/** @category models */
export type PerformanceTargetTable = typeof PerformanceTargetTable.Type
