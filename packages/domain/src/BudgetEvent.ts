/**
 * The budget events of a department-year stream, as a past-tense tagged union on `type`.
 * Money events (appropriation, carryover, adjustment) change amounts; reference events record the
 * facts a disclosure needs besides amounts. Events are never updated or deleted: a correction is a
 * new event.
 *
 * @module BudgetEvent
 */
import { Schema } from "effect"
import { BudgetLine } from "./BudgetLine.ts"
import {
  DepartmentCode,
  FiscalYear,
  Identifier,
  IsoDate,
  NonEmptyText,
  ProjectCategory,
  ProjectLife,
  TemplateId,
  Text,
  UnitType,
} from "./Codes.ts"
import { FactEvent } from "./DisclosureFacts.ts"
import { Amount, SignedAmount } from "./Money.ts"

const Count = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 1_000_000 }))
const DocumentNumber = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200))

// ---- money events -------------------------------------------------------------------------

/** 预算安排 / 指标下达: a current-year budget line. @category events */
export const AppropriationRecorded = Schema.Struct({
  type: Schema.Literal("AppropriationRecorded"),
  data: Schema.Struct({ line: BudgetLine, documentNumber: Schema.optional(DocumentNumber) }),
})

/** 上年结转: money of an earlier year carried into this one, for its original purpose. @category events */
export const CarryoverRecorded = Schema.Struct({
  type: Schema.Literal("CarryoverRecorded"),
  data: Schema.Struct({
    line: BudgetLine,
    originYear: FiscalYear,
    sourceLineId: Schema.optional(Identifier),
    documentNumber: Schema.optional(DocumentNumber),
  }),
})

/** One line of a 年终结转: the unspent amount of a line of this year that carries into the next. @category models */
export const YearEndCarryover = Schema.Struct({ lineId: Identifier, amount: Amount })

/**
 * 年终结转: at the close of this year, which of its lines carry into the next year and by how much.
 * Next year's `CarryoverRecorded` names one of these lines (`originYear`, `sourceLineId`) and may
 * carry at most what the close states, so a 上年结转 cell traces back into this year's events.
 * @category events
 */
export const YearEndClosed = Schema.Struct({
  type: Schema.Literal("YearEndClosed"),
  data: Schema.Struct({
    carryovers: Schema.Array(YearEndCarryover).check(Schema.isMinLength(1)),
    documentNumber: Schema.optional(DocumentNumber),
  }),
})

/** A signed change of one existing line (追加 / 追减). @category models */
export const AmountChange = Schema.Struct({
  kind: Schema.Literal("amount"),
  lineId: Identifier,
  delta: SignedAmount,
})
/** Moves part of a line to a new line with other dimensions; the total is unchanged (调剂 / 调整). @category models */
export const Reclassification = Schema.Struct({
  kind: Schema.Literal("reclassification"),
  fromLineId: Identifier,
  toLine: BudgetLine,
})

/** 追加 / 追减 / 调剂 / 调整, always with a reason and the 文号 that authorised it. @category events */
export const AdjustmentRecorded = Schema.Struct({
  type: Schema.Literal("AdjustmentRecorded"),
  data: Schema.Struct({
    adjustmentId: Identifier,
    reason: NonEmptyText,
    documentNumber: DocumentNumber,
    change: Schema.Union([AmountChange, Reclassification]),
  }),
})

// ---- reference events ---------------------------------------------------------------------

/** 部门概况: name, duties and the template the department publishes with. @category events */
export const DepartmentProfileRecorded = Schema.Struct({
  type: Schema.Literal("DepartmentProfileRecorded"),
  data: Schema.Struct({
    departmentCode: DepartmentCode,
    name: NonEmptyText,
    /** The 区/县 that prints on performance tables, e.g. the county of a county department. */
    regionName: NonEmptyText,
    template: TemplateId,
    duties: Schema.Array(NonEmptyText),
  }),
})

/** 单位: a budget unit of the department with its type. @category events */
export const UnitRegistered = Schema.Struct({
  type: Schema.Literal("UnitRegistered"),
  data: Schema.Struct({ unitCode: Identifier, name: NonEmptyText, unitType: UnitType }),
})

/** 项目: a project of a unit (项目库 entry). @category events */
export const ProjectRegistered = Schema.Struct({
  type: Schema.Literal("ProjectRegistered"),
  data: Schema.Struct({
    projectId: Identifier,
    unitCode: Identifier,
    name: NonEmptyText,
    category: ProjectCategory,
    life: ProjectLife,
    periodYears: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 50 })),
  }),
})

/** Funds of a performance table by source, in 元 (中央 / 省级 / 市县 / 自筹 / 其他). @category models */
export const FundsBySource = Schema.Struct({
  total: Amount,
  central: Amount,
  provincial: Amount,
  local: Amount,
  selfRaised: Amount,
  other: Schema.optional(Amount),
})

/** One indicator row of a 绩效目标表: 一级/二级/三级 with values for the implementation period and the year. @category models */
export const Indicator = Schema.Struct({
  level1: NonEmptyText,
  level2: NonEmptyText,
  level3: Schema.optional(Text),
  value: Schema.optional(Text),
  annualLevel3: Schema.optional(Text),
  annualValue: Schema.optional(Text),
})

/** 绩效目标表 of a project, as declared by the unit (the fund figures are declarations, checked by R15). @category events */
export const PerformanceTargetsRecorded = Schema.Struct({
  type: Schema.Literal("PerformanceTargetsRecorded"),
  data: Schema.Struct({
    projectId: Identifier,
    implementationFunds: FundsBySource,
    annualFunds: FundsBySource,
    overview: Text,
    basis: Text,
    necessity: Text,
    measures: Text,
    plan: Text,
    implementationGoal: Text,
    annualGoal: Text,
    indicators: Schema.Array(Indicator),
    responsible: Schema.optional(Text),
    handler: Schema.optional(Text),
    phone: Schema.optional(Text),
    /** 填报日期 exactly as the system printed it, e.g. "20251114155635"; absent where the form has none (Shanghai). */
    filledAt: Schema.optional(
      Schema.String.check(Schema.isPattern(/^\d{14}$/, { message: "must be YYYYMMDDhhmmss" })),
    ),
    /** 主管部门 as the form prints it (Shanghai 申报表), when it differs from the department's name. */
    competentDepartment: Schema.optional(NonEmptyText),
    /** 实施单位 as the form prints it (Shanghai 申报表). */
    implementingUnit: Schema.optional(NonEmptyText),
    /** 实施主体 of the project explanation (Shanghai 项目经费情况说明). */
    implementer: Schema.optional(NonEmptyText),
    /** 计划开始日期 / 计划完成日期 of the whole project (Shanghai 申报表). */
    plannedStart: Schema.optional(IsoDate),
    plannedEnd: Schema.optional(IsoDate),
    /** What this year's money is spent on (年度预算安排 "分别用于…"), without the amount. */
    annualUses: Schema.optional(NonEmptyText),
  }),
})

/** 单位整体绩效目标: the unit declared overall targets covering the given amount. @category events */
export const UnitOverallTargetsRecorded = Schema.Struct({
  type: Schema.Literal("UnitOverallTargetsRecorded"),
  data: Schema.Struct({ unitCode: Identifier }),
})

/** Last year's budget figures the narrative compares with (budget, not 决算): an input, not derivable. @category events */
export const PriorYearBudgetRecorded = Schema.Struct({
  type: Schema.Literal("PriorYearBudgetRecorded"),
  data: Schema.Struct({
    year: FiscalYear,
    incomeTotal: Amount,
    expenditureTotal: Amount,
    generalBudgetCurrent: Amount,
    /** Optional: a document that states no prior 三公 or 机关运行经费 prints no comparison for them. */
    threePublic: Schema.optional(
      Schema.Struct({
        abroad: Amount,
        reception: Amount,
        vehiclePurchase: Amount,
        vehicleOperation: Amount,
      }),
    ),
    operatingCosts: Schema.optional(Amount),
    /** Last year's 财政拨款 by budget, for templates that compare each (Shanghai 编制说明). */
    fiscalBySource: Schema.optional(
      Schema.Struct({ generalBudget: Amount, governmentFund: Amount, stateCapital: Amount }),
    ),
  }),
})

/** The human-written reason or remark a narrative section quotes. @category models */
export const NarrativeTopic = Schema.Literals([
  "income-change", // 一: why 收入总计 changed
  "expenditure-change", // 一: why 支出总计 changed
  "general-budget-change", // 五(一)
  "three-public-change", // 七
  "operating-cost-change", // 八
  "purchase-service-catalog", // 十二(一)
  "other-remarks", // 十二(二)
])
/** @category events */
export const NarrativeNoteRecorded = Schema.Struct({
  type: Schema.Literal("NarrativeNoteRecorded"),
  data: Schema.Struct({ topic: NarrativeTopic, text: NonEmptyText }),
})

/** 国有资产占有使用情况 as at a cut-off date. @category events */
export const AssetHoldingsRecorded = Schema.Struct({
  type: Schema.Literal("AssetHoldingsRecorded"),
  data: Schema.Struct({
    asOf: IsoDate,
    vehicles: Schema.Struct({
      quota: Count,
      actual: Count,
      leader: Count,
      confidential: Count,
      emergency: Count,
      enforcement: Count,
      specialTechnical: Count,
      institutionBusiness: Count,
      other: Count,
    }),
    /** 办公用房建筑总面积 in m², a decimal string. */
    officeFloorArea: Schema.String.check(Schema.isPattern(/^\d{1,9}(\.\d{1,2})?$/)),
    equipmentOver500k: Count,
    equipmentOver1m: Count,
  }),
})

/**
 * A disclosure was published. "As published" is the stream up to the event before this one; the
 * seal (`streamVersion`, `position`, `headHash`, `documentHash`) proves which document that was.
 * A finance system may send the event without a seal: the publisher (CLI, API) computes it from
 * the stored log before appending, so the seal is never trusted from a client.
 * @category events
 */
export const DisclosurePublished = Schema.Struct({
  type: Schema.Literal("DisclosurePublished"),
  data: Schema.Struct({
    template: TemplateId,
    streamVersion: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
    position: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
    headHash: Schema.optional(Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/))),
    documentHash: Schema.optional(Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/))),
    /** Present when the publication overrode errors of the checks: how many, and which rules. */
    forced: Schema.optional(
      Schema.Struct({
        errors: Schema.Int.check(Schema.isGreaterThan(0)),
        rules: Schema.Array(Schema.String.check(Schema.isPattern(/^R\d{1,2}$/))),
      }),
    ),
  }),
})

/**
 * Every event of a budget stream.
 * @category events
 */
export const BudgetEvent = Schema.Union([
  AppropriationRecorded,
  CarryoverRecorded,
  AdjustmentRecorded,
  DepartmentProfileRecorded,
  UnitRegistered,
  ProjectRegistered,
  PerformanceTargetsRecorded,
  UnitOverallTargetsRecorded,
  PriorYearBudgetRecorded,
  NarrativeNoteRecorded,
  AssetHoldingsRecorded,
  DisclosurePublished,
  ...FactEvent.members,
  YearEndClosed,
])
/** @category events */
export type BudgetEvent = typeof BudgetEvent.Type
/** @category events */
export type BudgetEventType = BudgetEvent["type"]

/** The schema version every event type is at today; bumped with an upcaster when a payload changes. @category events */
export const CURRENT_SCHEMA_VERSION = 1
