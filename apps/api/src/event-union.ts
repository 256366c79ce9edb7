/**
 * The append body as the OpenAPI document describes it: `events` is the union of every event type's
 * wire form (metadata and `type`/`data`), one named schema per type with an example, generated from
 * the very schemas `Envelope.decodeEvent` decodes with — so a vendor can generate typed clients. The
 * handler itself still reads `events` as unknown values and decodes each with the domain's decoder,
 * which words errors as the event catalogue does and reports every bad event at once.
 *
 * The examples are invented (a county 农业农村局 on real 2026 codes); no reference document's figure
 * is among them.
 */
import { BudgetEvent, Envelope } from "@ledger/domain"
import { Schema } from "effect"

const STREAM = { department: "105", year: 2026 }

/** Example `data` of every event type. @category constants */
const DATA: Readonly<Record<BudgetEvent.BudgetEventType, unknown>> = {
  DepartmentProfileRecorded: {
    departmentCode: "105",
    name: "示例县农业农村局",
    regionName: "示例县",
    template: "shanxi-county-13",
    duties: ["贯彻落实农业农村工作的方针政策。"],
  },
  UnitRegistered: { unitCode: "105001", name: "示例县农业农村局", unitType: "administrative" },
  ProjectRegistered: {
    projectId: "105001-01",
    unitCode: "105001",
    name: "高标准农田建设管理",
    category: "specific-target",
    life: "one-off",
    periodYears: 1,
  },
  AppropriationRecorded: {
    line: {
      lineId: "105001-2130101-30101-c",
      unitCode: "105001",
      fundingSource: "general-budget",
      functionCode: "2130101",
      expenditure: {
        kind: "basic",
        category: "personnel",
        deptEconomicCode: "30101",
        govEconomicCode: "50101",
      },
      amount: "612000.00",
    },
    documentNumber: "示财预〔2026〕1号",
  },
  CarryoverRecorded: {
    line: {
      lineId: "105001-01-k2025",
      unitCode: "105001",
      fundingSource: "general-budget",
      functionCode: "2130122",
      expenditure: { kind: "project", projectId: "105001-01" },
      amount: "150000.00",
    },
    originYear: 2025,
  },
  AdjustmentRecorded: {
    adjustmentId: "ADJ-105-001",
    reason: "追加高标准农田建设管理经费",
    documentNumber: "示财预〔2026〕18号",
    change: { kind: "amount", lineId: "105001-01-c", delta: "50000.00" },
  },
  PerformanceTargetsRecorded: {
    projectId: "105001-01",
    implementationFunds: {
      total: "800000.00",
      central: "0",
      provincial: "0",
      local: "800000.00",
      selfRaised: "0",
    },
    annualFunds: { total: "800000.00", central: "0", provincial: "0", local: "800000.00", selfRaised: "0" },
    overview: "项目概况。",
    basis: "县委县政府年度工作安排。",
    necessity: "保障农业生产。",
    measures: "按计划组织实施。",
    plan: "全年分季度实施。",
    implementationGoal: "完成年度任务。",
    annualGoal: "完成年度任务。",
    indicators: [{ level1: "产出指标", level2: "数量指标", level3: "服务次数", value: "≥12次" }],
    filledAt: "20251120100000",
  },
  UnitOverallTargetsRecorded: { unitCode: "105001" },
  PriorYearBudgetRecorded: {
    year: 2025,
    incomeTotal: "3300000.00",
    expenditureTotal: "3300000.00",
    generalBudgetCurrent: "3300000.00",
  },
  NarrativeNoteRecorded: { topic: "income-change", text: "人员调整" },
  AssetHoldingsRecorded: {
    asOf: "2025-12-31",
    vehicles: {
      quota: 1,
      actual: 1,
      leader: 0,
      confidential: 0,
      emergency: 0,
      enforcement: 0,
      specialTechnical: 0,
      institutionBusiness: 0,
      other: 1,
    },
    officeFloorArea: "860.00",
    equipmentOver500k: 0,
    equipmentOver1m: 0,
  },
  DisclosurePublished: { template: "shanxi-county-13" },
  FunctionPurposeRecorded: { functionCode: "2130122", purpose: "主要用于高标准农田建设管理。" },
  ItemReasonRecorded: { subject: "reception", text: "严格控制公务接待" },
  ProcurementReservationRecorded: { smallAndMedium: "300000.00", smallAndMicro: "200000.00" },
  VehicleFleetRecorded: {
    asOf: "2025-12-31",
    vehicles: {
      ministerialLeader: 0,
      principalLeader: 0,
      confidentialCommunication: 0,
      emergency: 0,
      lawEnforcement: 1,
      specialTechnical: 0,
      retiredCadre: 0,
      other: 0,
    },
    equipmentOver1m: 0,
  },
  PlannedPurchasesRecorded: {
    vehicles: {
      ministerialLeader: 0,
      principalLeader: 0,
      confidentialCommunication: 0,
      emergency: 0,
      lawEnforcement: 0,
      specialTechnical: 0,
      retiredCadre: 0,
      other: 0,
    },
    equipmentOver1m: 0,
  },
  PerformanceSummaryRecorded: { units: 2, projects: 2, amount: "1060000.00" },
  OrganizationBodyRecorded: {
    name: "示例县农业综合执法大队",
    bodyType: "law-enforcement",
    budgetedWith: "105001",
  },
  YearEndClosed: { carryovers: [{ lineId: "105001-2130101-30201-c", amount: "12000.00" }] },
}

/** The example of one event type in the wire form (one NDJSON line / one item of `events`). @category constants */
export const eventExample = (type: BudgetEvent.BudgetEventType): Record<string, unknown> => ({
  stream: STREAM,
  eventId: `example-${type}`,
  schemaVersion: BudgetEvent.CURRENT_SCHEMA_VERSION,
  occurredAt: "2026-01-15",
  idempotencyKey: `105/2026/example/${type}`,
  type,
  data: DATA[type],
})

/** One named schema per event type: the metadata fields and the type's `type`/`data`. */
const members = BudgetEvent.BudgetEvent.members.map((m) => {
  const type = m.fields.type.literal
  return Schema.Struct({ ...Envelope.EventMeta.fields, ...m.fields }).annotate({
    identifier: `${type}Event`,
    description: `A ${type} event in the wire format (docs/event-catalogue.md#${type.toLowerCase()})`,
    examples: [eventExample(type) as never],
  })
})

/** Every event type's wire form (for the document only; see the module doc). @category models */
const WireEvent = Schema.Union(members)

/** The append body as documented: `events` typed by the union. @category models */
export const AppendBodyDocumented = Schema.Struct({
  events: Schema.Array(WireEvent).check(Schema.isMinLength(1), Schema.isMaxLength(10_000)),
  expectedVersion: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 1_000_000_000 })),
  ),
}).annotate({ identifier: "AppendBody" })
