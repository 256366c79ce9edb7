/**
 * An invented county 农业农村局 (department 105) as a finance system would send it, in three
 * batches: the organisation (profile, 2 units, 2 projects), 19 current-year lines on real 2026
 * codes (2130101 行政运行, 2130104 事业运行, 2130106 科技转化与推广服务, 2130122 农业生产发展,
 * 2080505, 2101101/2101102, 2210201), and the rest (2 上年结转 lines, prior-year figures, performance
 * targets, notes, assets). Figures are made up.
 */

/** The department code and year of the stream. */
export const AGRI = { department: "105", year: 2026 } as const

let n = 0
/** One wire event of the stream. */
const ev = (
  type: string,
  key: string,
  data: unknown,
  occurredAt = "2026-01-15",
): Record<string, unknown> => ({
  stream: { department: AGRI.department, year: AGRI.year },
  eventId: `agri-${String(++n).padStart(3, "0")}`,
  type,
  schemaVersion: 1,
  occurredAt,
  idempotencyKey: `105/2026/${key}`,
  data,
})

const U1 = "105001"
const U2 = "105002"

type Basic = readonly [
  unit: string,
  fn: string,
  category: "personnel" | "public",
  dept: string,
  gov: string,
  amount: string,
]
const BASIC: ReadonlyArray<Basic> = [
  [U1, "2130101", "personnel", "30101", "50101", "612000.00"],
  [U1, "2130101", "personnel", "30102", "50101", "398400.00"],
  [U1, "2130101", "personnel", "30103", "50101", "51000.00"],
  [U1, "2130101", "personnel", "30112", "50102", "9600.00"],
  [U1, "2080505", "personnel", "30108", "50102", "128000.00"],
  [U1, "2101101", "personnel", "30110", "50102", "64000.00"],
  [U1, "2210201", "personnel", "30113", "50103", "96000.00"],
  [U1, "2130101", "public", "30201", "50201", "42000.00"],
  [U1, "2130101", "public", "30211", "50201", "18000.00"],
  [U1, "2130101", "public", "30216", "50203", "8000.00"],
  [U1, "2130101", "public", "30299", "50299", "15000.00"],
  [U2, "2130104", "personnel", "30101", "50501", "356000.00"],
  [U2, "2130104", "personnel", "30102", "50501", "120000.00"],
  [U2, "2130104", "personnel", "30107", "50501", "150000.00"],
  [U2, "2080505", "personnel", "30108", "50501", "75000.00"],
  [U2, "2101102", "personnel", "30110", "50501", "38000.00"],
  [U2, "2210201", "personnel", "30113", "50501", "56000.00"],
]

/** The line id of a basic line. */
const basicId = ([unit, fn, , dept]: Basic) => `${unit}-${fn}-${dept}-c`

/** Project P1: 高标准农田建设管理 (unit 105001); P2: 农业技术推广服务 (unit 105002). */
export const P1_LINE = "105001-01-c"
const P2_LINE = "105002-01-c"
const P1_AMOUNT = "800000.00"
const P2_AMOUNT = "260000.00"

/** Batch 1: the department, its units and projects. */
export const batchOrganisation = (): Array<Record<string, unknown>> => [
  ev("DepartmentProfileRecorded", "profile", {
    departmentCode: AGRI.department,
    name: "示例县农业农村局",
    regionName: "示例县",
    template: "shanxi-county-13",
    duties: ["贯彻落实农业农村工作的方针政策。", "负责全县农业生产发展和农田建设管理。"],
  }),
  ev("UnitRegistered", `unit/${U1}`, { unitCode: U1, name: "示例县农业农村局", unitType: "administrative" }),
  ev("UnitRegistered", `unit/${U2}`, {
    unitCode: U2,
    name: "示例县农业技术推广中心",
    unitType: "public-institution",
  }),
  ev("ProjectRegistered", "project/105001-01", {
    projectId: "105001-01",
    unitCode: U1,
    name: "高标准农田建设管理",
    category: "specific-target",
    life: "one-off",
    periodYears: 1,
  }),
  ev("ProjectRegistered", "project/105002-01", {
    projectId: "105002-01",
    unitCode: U2,
    name: "农业技术推广服务",
    category: "other-operation",
    life: "recurring",
    periodYears: 3,
  }),
]

/** Batch 2: the 19 current-year lines. */
export const batchLines = (): Array<Record<string, unknown>> => [
  ...BASIC.map((b) =>
    ev("AppropriationRecorded", `line/${basicId(b)}`, {
      line: {
        lineId: basicId(b),
        unitCode: b[0],
        fundingSource: "general-budget",
        functionCode: b[1],
        expenditure: { kind: "basic", category: b[2], deptEconomicCode: b[3], govEconomicCode: b[4] },
        amount: b[5],
      },
      documentNumber: "示财预〔2026〕1号",
    }),
  ),
  ev("AppropriationRecorded", `line/${P1_LINE}`, {
    line: {
      lineId: P1_LINE,
      unitCode: U1,
      fundingSource: "general-budget",
      functionCode: "2130122",
      expenditure: { kind: "project", projectId: "105001-01" },
      amount: P1_AMOUNT,
    },
    documentNumber: "示财预〔2026〕1号",
  }),
  ev("AppropriationRecorded", `line/${P2_LINE}`, {
    line: {
      lineId: P2_LINE,
      unitCode: U2,
      fundingSource: "general-budget",
      functionCode: "2130106",
      expenditure: { kind: "project", projectId: "105002-01" },
      amount: P2_AMOUNT,
    },
    documentNumber: "示财预〔2026〕1号",
  }),
]

const funds = (total: string) => ({ total, central: "0", provincial: "0", local: total, selfRaised: "0" })

const targets = (projectId: string, total: string) => ({
  projectId,
  implementationFunds: funds(total),
  annualFunds: funds(total),
  overview: "项目概况。",
  basis: "县委县政府年度工作安排。",
  necessity: "保障农业生产。",
  measures: "按计划组织实施。",
  plan: "全年分季度实施。",
  implementationGoal: "完成年度任务。",
  annualGoal: "完成年度任务。",
  indicators: [
    { level1: "产出指标", level2: "数量指标", level3: "服务次数", value: "≥12次" },
    { level1: "效益指标", level2: "社会效益指标", level3: "农户满意度", value: "≥90%" },
  ],
  filledAt: "20251120100000",
})

/** Batch 3: carryovers, last year's figures, performance targets, notes and assets. */
export const batchRest = (): Array<Record<string, unknown>> => [
  ev("CarryoverRecorded", "line/105001-2130101-30201-k2025", {
    line: {
      lineId: "105001-2130101-30201-k2025",
      unitCode: U1,
      fundingSource: "general-budget",
      functionCode: "2130101",
      expenditure: { kind: "basic", category: "public", deptEconomicCode: "30201", govEconomicCode: "50201" },
      amount: "12000.00",
    },
    originYear: 2025,
  }),
  ev("CarryoverRecorded", "line/105001-01-k2025", {
    line: {
      lineId: "105001-01-k2025",
      unitCode: U1,
      fundingSource: "general-budget",
      functionCode: "2130122",
      expenditure: { kind: "project", projectId: "105001-01" },
      amount: "150000.00",
    },
    originYear: 2025,
  }),
  ev("PriorYearBudgetRecorded", "prior-year/2025", {
    year: 2025,
    incomeTotal: "3300000.00",
    expenditureTotal: "3300000.00",
    generalBudgetCurrent: "3300000.00",
    threePublic: { abroad: "0.00", reception: "0.00", vehiclePurchase: "0.00", vehicleOperation: "0.00" },
    operatingCosts: "80000.00",
  }),
  ev("PerformanceTargetsRecorded", "targets/105001-01", targets("105001-01", P1_AMOUNT)),
  ev("PerformanceTargetsRecorded", "targets/105002-01", targets("105002-01", P2_AMOUNT)),
  ev("UnitOverallTargetsRecorded", `unit-targets/${U1}`, { unitCode: U1 }),
  ev("UnitOverallTargetsRecorded", `unit-targets/${U2}`, { unitCode: U2 }),
  ev("NarrativeNoteRecorded", "note/income-change", { topic: "income-change", text: "人员调整" }),
  ev("NarrativeNoteRecorded", "note/expenditure-change", { topic: "expenditure-change", text: "人员调整" }),
  ev("NarrativeNoteRecorded", "note/general-budget-change", {
    topic: "general-budget-change",
    text: "人员调整",
  }),
  ev("NarrativeNoteRecorded", "note/operating-cost-change", {
    topic: "operating-cost-change",
    text: "严格控制公用经费",
  }),
  ev(
    "AssetHoldingsRecorded",
    "assets/2025-12-31",
    {
      asOf: "2025-12-31",
      vehicles: {
        quota: 0,
        actual: 0,
        leader: 0,
        confidential: 0,
        emergency: 0,
        enforcement: 0,
        specialTechnical: 0,
        institutionBusiness: 0,
        other: 0,
      },
      officeFloorArea: "860.00",
      equipmentOver500k: 0,
      equipmentOver1m: 0,
    },
    "2025-12-31",
  ),
]

/** The adjustment after publication: 追加 of project P1, with the 文号 that authorised it. */
export const adjustment = (): Record<string, unknown> =>
  ev(
    "AdjustmentRecorded",
    "adjustment/ADJ-105-001",
    {
      adjustmentId: "ADJ-105-001",
      reason: "追加高标准农田建设管理经费",
      documentNumber: "示财预〔2026〕18号",
      change: { kind: "amount", lineId: P1_LINE, delta: "50000.00" },
    },
    "2026-04-10",
  )
