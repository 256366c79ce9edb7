/**
 * Small, invented sample events for the domain's own tests: one well-formed event of every type and
 * builders for the money events. The figures are made up; the reference department's data lives in
 * the repository's event fixture, never here.
 *
 * @module testing-fixtures/samples
 */
import type * as E from "../BudgetEvent.ts"
import type { BudgetLine } from "../BudgetLine.ts"

/** A basic (人员经费) line of unit U1 under 2010301 行政运行. */
export const basicLine = (overrides: Partial<BudgetLine> = {}): BudgetLine => ({
  lineId: "L-basic-1",
  unitCode: "U1",
  fundingSource: "general-budget",
  functionCode: "2010301",
  expenditure: { kind: "basic", category: "personnel", deptEconomicCode: "30101", govEconomicCode: "50101" },
  amount: "120000.00",
  ...overrides,
})

/** A project line of project P1 (unit U1) under 2010302. */
export const projectLine = (overrides: Partial<BudgetLine> = {}): BudgetLine => ({
  lineId: "L-proj-1",
  unitCode: "U1",
  fundingSource: "general-budget",
  functionCode: "2010302",
  expenditure: { kind: "project", projectId: "P1" },
  amount: "50000.00",
  ...overrides,
})

/** The events of every type, in an order `decide` accepts. */
export const department = {
  type: "DepartmentProfileRecorded",
  data: {
    departmentCode: "D01",
    name: "示例部门",
    regionName: "示例区",
    template: "shanxi-county-13",
    duties: ["职责一", "职责二"],
  },
} as const satisfies E.BudgetEvent

export const unitU1 = {
  type: "UnitRegistered",
  data: { unitCode: "U1", name: "示例单位一", unitType: "administrative" },
} as const satisfies E.BudgetEvent

export const unitU2 = {
  type: "UnitRegistered",
  data: { unitCode: "U2", name: "示例单位二", unitType: "public-institution" },
} as const satisfies E.BudgetEvent

export const projectP1 = {
  type: "ProjectRegistered",
  data: {
    projectId: "P1",
    unitCode: "U1",
    name: "示例项目",
    category: "other-operation",
    life: "one-off",
    periodYears: 1,
  },
} as const satisfies E.BudgetEvent

export const projectP2 = {
  type: "ProjectRegistered",
  data: {
    projectId: "P2",
    unitCode: "U2",
    name: "另一项目",
    category: "specific-target",
    life: "recurring",
    periodYears: 3,
  },
} as const satisfies E.BudgetEvent

const funds = (total: string) =>
  ({ total, central: "0.00", provincial: "0.00", local: total, selfRaised: "0.00" }) as const

export const targetsP1 = {
  type: "PerformanceTargetsRecorded",
  data: {
    projectId: "P1",
    implementationFunds: funds("50000.00"),
    annualFunds: funds("50000.00"),
    overview: "概况",
    basis: "依据",
    necessity: "必要性",
    measures: "措施",
    plan: "计划",
    implementationGoal: "总体目标",
    annualGoal: "年度目标",
    indicators: [{ level1: "产出指标", level2: "数量指标", level3: "次数", value: "≥1次" }],
    filledAt: "20251101093000",
  },
} as const satisfies E.BudgetEvent

export const overallU1 = {
  type: "UnitOverallTargetsRecorded",
  data: { unitCode: "U1" },
} as const satisfies E.BudgetEvent

export const priorYear = {
  type: "PriorYearBudgetRecorded",
  data: {
    year: 2025,
    incomeTotal: "1000000.00",
    expenditureTotal: "1000000.00",
    generalBudgetCurrent: "900000.00",
    threePublic: {
      abroad: "0.00",
      reception: "1000.00",
      vehiclePurchase: "0.00",
      vehicleOperation: "20000.00",
    },
    operatingCosts: "200000.00",
  },
} as const satisfies E.BudgetEvent

export const note = {
  type: "NarrativeNoteRecorded",
  data: { topic: "income-change", text: "人员调整" },
} as const satisfies E.BudgetEvent

export const assets = {
  type: "AssetHoldingsRecorded",
  data: {
    asOf: "2025-12-31",
    vehicles: {
      quota: 2,
      actual: 2,
      leader: 0,
      confidential: 0,
      emergency: 0,
      enforcement: 0,
      specialTechnical: 0,
      institutionBusiness: 0,
      other: 2,
    },
    officeFloorArea: "1200.50",
    equipmentOver500k: 0,
    equipmentOver1m: 0,
  },
} as const satisfies E.BudgetEvent

export const appropriation = (line: BudgetLine = basicLine()): E.BudgetEvent => ({
  type: "AppropriationRecorded",
  data: { line, documentNumber: "示财〔2026〕1号" },
})

export const carryover = (line: BudgetLine, originYear = 2025): E.BudgetEvent => ({
  type: "CarryoverRecorded",
  data: { line, originYear },
})

export const amountChange = (lineId: string, delta: string, adjustmentId = "A1"): E.BudgetEvent => ({
  type: "AdjustmentRecorded",
  data: {
    adjustmentId,
    reason: "追加",
    documentNumber: "示财〔2026〕9号",
    change: { kind: "amount", lineId, delta },
  },
})

export const reclassification = (
  fromLineId: string,
  toLine: BudgetLine,
  adjustmentId = "A2",
): E.BudgetEvent => ({
  type: "AdjustmentRecorded",
  data: {
    adjustmentId,
    reason: "调剂",
    documentNumber: "示财〔2026〕10号",
    change: { kind: "reclassification", fromLineId, toLine },
  },
})

export const published = {
  type: "DisclosurePublished",
  data: { template: "shanxi-county-13" },
} as const satisfies E.BudgetEvent

/** 年终结转 of part of the basic line. */
const yearEnd = {
  type: "YearEndClosed",
  data: { carryovers: [{ lineId: "L-basic-1", amount: "1000.00" }] },
} as const satisfies E.BudgetEvent

/** One event of each type. */
export const oneOfEach: ReadonlyArray<E.BudgetEvent> = [
  department,
  unitU1,
  projectP1,
  targetsP1,
  overallU1,
  priorYear,
  note,
  assets,
  appropriation(),
  carryover(projectLine({ lineId: "L-co-1" })),
  amountChange("L-basic-1", "1000.00"),
  published,
  yearEnd,
]

/** The wire form of an event (one NDJSON line), with metadata. */
export const wire = (
  event: E.BudgetEvent,
  n = 1,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  stream: { department: "D01", year: 2026 },
  eventId: `evt-${n}`,
  schemaVersion: 1,
  occurredAt: "2026-01-20",
  actor: "finance-system",
  idempotencyKey: `key-${n}`,
  type: event.type,
  data: JSON.parse(JSON.stringify(event.data)) as unknown,
  ...extra,
})
