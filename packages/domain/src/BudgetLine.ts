/**
 * The budget line: the atomic money fact of the ledger. Every table cell of a disclosure is a sum of
 * budget lines, so a line carries every dimension any table or narrative sentence groups by.
 *
 * @module BudgetLine
 */
import { Schema } from "effect"
import {
  BasicCategory,
  DeptEconomicCode,
  FunctionCode,
  FundingSource,
  GovEconomicCode,
  Identifier,
  ProcurementCategory,
  ThreePublicCategory,
} from "./Codes.ts"
import { Amount } from "./Money.ts"

/** 基本支出: economic code and 人员/公用 are mandatory. @category models */
export const BasicExpenditure = Schema.Struct({
  kind: Schema.Literal("basic"),
  category: BasicCategory,
  deptEconomicCode: DeptEconomicCode,
  govEconomicCode: Schema.optional(GovEconomicCode),
})
/** @category models */
export type BasicExpenditure = typeof BasicExpenditure.Type

/** 项目支出: names a registered project; economic codes when the finance system knows them. @category models */
export const ProjectExpenditure = Schema.Struct({
  kind: Schema.Literal("project"),
  projectId: Identifier,
  deptEconomicCode: Schema.optional(DeptEconomicCode),
  govEconomicCode: Schema.optional(GovEconomicCode),
})
/** @category models */
export type ProjectExpenditure = typeof ProjectExpenditure.Type

/** Basic or project expenditure. @category models */
export const Expenditure = Schema.Union([BasicExpenditure, ProjectExpenditure])
/** @category models */
export type Expenditure = typeof Expenditure.Type

/**
 * A budget line as appended: its id is chosen by the finance system (the 指标 id) and is unique
 * within the department-year stream.
 * @category models
 */
export const BudgetLine = Schema.Struct({
  lineId: Identifier,
  unitCode: Identifier,
  fundingSource: FundingSource,
  functionCode: FunctionCode,
  expenditure: Expenditure,
  threePublic: Schema.optional(ThreePublicCategory),
  procurement: Schema.optional(ProcurementCategory),
  amount: Amount,
})
/** @category models */
export type BudgetLine = typeof BudgetLine.Type
