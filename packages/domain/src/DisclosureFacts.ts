/**
 * Facts some templates print and the ledger cannot derive: why a function's money is spent, why an
 * item changed, the procurement reserved for small and medium enterprises, the vehicle fleet by
 * category and the purchases planned, the department's performance-target summary and the bodies
 * of 机构设置 that are not budget units. Every one is optional: a document prints only what was
 * recorded, never a 0 or a comparison for a fact nobody stated. The fold of these events is
 * `evolveFacts`, a small pure function `BudgetState` delegates to.
 *
 * @module DisclosureFacts
 */
import { Schema } from "effect"
import { FunctionCode, Identifier, IsoDate, NonEmptyText } from "./Codes.ts"
import { Amount } from "./Money.ts"

const Count = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 1_000_000 }))

/** 主要用于…: what the money of one functional 项 is for (Shanghai 编制说明). @category events */
export const FunctionPurposeRecorded = Schema.Struct({
  type: Schema.Literal("FunctionPurposeRecorded"),
  data: Schema.Struct({ functionCode: FunctionCode, purpose: NonEmptyText }),
})

/** What a reason explains. @category models */
export const ReasonSubject = Schema.Literals([
  "fiscal-appropriation-change", // 财政拨款收入支出增减的主要原因
  "abroad", // 因公出国（境）费
  "reception", // 公务接待费
  "vehicle", // 公务用车购置及运行费
  "vehicle-purchase", // 公务用车购置费
  "vehicle-operation", // 公务用车运行费
])
/** @category models */
export type ReasonSubject = typeof ReasonSubject.Type

/** The reason one item changed (or did not) against last year, as the department words it. @category events */
export const ItemReasonRecorded = Schema.Struct({
  type: Schema.Literal("ItemReasonRecorded"),
  data: Schema.Struct({ subject: ReasonSubject, text: NonEmptyText }),
})

/** 面向中小企业预留: procurement reserved for SMEs, and of it for small and micro enterprises. @category events */
export const ProcurementReservationRecorded = Schema.Struct({
  type: Schema.Literal("ProcurementReservationRecorded"),
  data: Schema.Struct({ smallAndMedium: Amount, smallAndMicro: Amount }),
})

/** Vehicle counts by the Shanghai categories (部级领导干部用车 … 其他用车). @category models */
export const VehicleCounts = Schema.Struct({
  ministerialLeader: Count,
  principalLeader: Count,
  confidentialCommunication: Count,
  emergency: Count,
  lawEnforcement: Count,
  specialTechnical: Count,
  retiredCadre: Count,
  other: Count,
})
/** @category models */
export type VehicleCounts = typeof VehicleCounts.Type

/** 国有资产占有使用情况 in the Shanghai categories, at a cut-off date. @category events */
export const VehicleFleetRecorded = Schema.Struct({
  type: Schema.Literal("VehicleFleetRecorded"),
  data: Schema.Struct({ asOf: IsoDate, vehicles: VehicleCounts, equipmentOver1m: Count }),
})

/** Vehicles and 单价100万元以上 equipment the budget plans to buy. @category events */
export const PlannedPurchasesRecorded = Schema.Struct({
  type: Schema.Literal("PlannedPurchasesRecorded"),
  data: Schema.Struct({ vehicles: VehicleCounts, equipmentOver1m: Count }),
})

/** 绩效目标设置情况: units that set project targets, how many projects, the money they cover. @category events */
export const PerformanceSummaryRecorded = Schema.Struct({
  type: Schema.Literal("PerformanceSummaryRecorded"),
  data: Schema.Struct({ units: Count, projects: Count, amount: Amount }),
})

/** The kind of a body in 机构设置. @category models */
export const BodyType = Schema.Literals([
  "administrative", // 行政单位
  "civil-service-managed", // 参公
  "public-institution", // 事业单位
  "law-enforcement", // 行政执法机构
])
/** @category models */
export type BodyType = typeof BodyType.Type

/** A body of 机构设置 that is not a budget unit of its own (合署办公, 不单列预算) or restates a unit's type. @category events */
export const OrganizationBodyRecorded = Schema.Struct({
  type: Schema.Literal("OrganizationBodyRecorded"),
  data: Schema.Struct({
    name: NonEmptyText,
    bodyType: BodyType,
    /** The budget unit it works with and is budgeted in (合署办公，不单列预算). */
    budgetedWith: Schema.optional(Identifier),
  }),
})

/** The facts above as a stream has recorded them. @category models */
export interface DisclosureFacts {
  readonly purposes: ReadonlyMap<string, string>
  readonly reasons: ReadonlyMap<ReasonSubject, string>
  readonly procurementReservation: typeof ProcurementReservationRecorded.Type.data | undefined
  readonly fleet: typeof VehicleFleetRecorded.Type.data | undefined
  readonly plannedPurchases: typeof PlannedPurchasesRecorded.Type.data | undefined
  readonly performanceSummary: typeof PerformanceSummaryRecorded.Type.data | undefined
  readonly bodies: ReadonlyArray<typeof OrganizationBodyRecorded.Type.data>
}

/** No fact recorded. @category constructors */
export const noFacts: DisclosureFacts = {
  purposes: new Map(),
  reasons: new Map(),
  procurementReservation: undefined,
  fleet: undefined,
  plannedPurchases: undefined,
  performanceSummary: undefined,
  bodies: [],
}

/** Every fact event. @category events */
export const FactEvent = Schema.Union([
  FunctionPurposeRecorded,
  ItemReasonRecorded,
  ProcurementReservationRecorded,
  VehicleFleetRecorded,
  PlannedPurchasesRecorded,
  PerformanceSummaryRecorded,
  OrganizationBodyRecorded,
])
/** @category events */
export type FactEvent = typeof FactEvent.Type

/** The facts after one more fact event (a later statement of the same fact replaces the earlier). @category evolve */
export const evolveFacts = (f: DisclosureFacts, e: FactEvent): DisclosureFacts => {
  switch (e.type) {
    case "FunctionPurposeRecorded":
      return { ...f, purposes: new Map(f.purposes).set(e.data.functionCode, e.data.purpose) }
    case "ItemReasonRecorded":
      return { ...f, reasons: new Map(f.reasons).set(e.data.subject, e.data.text) }
    case "ProcurementReservationRecorded":
      return { ...f, procurementReservation: e.data }
    case "VehicleFleetRecorded":
      return { ...f, fleet: e.data }
    case "PlannedPurchasesRecorded":
      return { ...f, plannedPurchases: e.data }
    case "PerformanceSummaryRecorded":
      return { ...f, performanceSummary: e.data }
    case "OrganizationBodyRecorded":
      return { ...f, bodies: [...f.bodies, e.data] }
  }
}
