/**
 * The facts a Shanghai district department states beside its lines — 机构设置 bodies, last year's
 * budget, what each functional 项 is for, the reasons items changed, the SME procurement reserve,
 * the vehicle fleet and planned purchases, the 绩效目标 summary — and one 财政项目支出绩效目标申报表
 * per project. Figures are derived from the generated lines (the summary's money is the projects'
 * money, the SME reserve is within the procurement lines), texts from the taxonomy's names.
 *
 * @module shanghai-facts
 */
import { Result } from "effect"
import type { Taxonomy } from "@ledger/domain"
import type { Names } from "./names.ts"
import type { Random } from "./random.ts"
import type { Sector } from "./sectors.ts"
import type { ShanghaiLine } from "./shanghai.ts"
import { type Emit, yuan } from "./wire.ts"

/** A registered project of a Shanghai department. @category models */
export interface ShanghaiProject {
  readonly projectId: string
  readonly unitCode: string
  readonly unitName: string
  readonly name: string
  readonly category: "other-operation" | "specific-target"
  readonly life: "one-off" | "recurring" | "phased"
  readonly periodYears: number
}

const sum = (ls: ReadonlyArray<ShanghaiLine>, p: (l: ShanghaiLine) => boolean): number =>
  ls.reduce((n, l) => (p(l) ? n + l.hundreds : n), 0)

/**
 * The reason for an item that went up, down or stayed, as the comparison will print it: the
 * 编制说明 writes "…的主要原因是" before the fiscal reason itself; the “三公” items take it whole.
 */
const reason = (now: number, before: number, work: string, lead: string): string =>
  lead + (now > before ? `${work}工作任务增加` : now < before ? "严格控制一般性支出" : "预算安排无变化")

const NO_VEHICLES = {
  ministerialLeader: 0,
  principalLeader: 0,
  confidentialCommunication: 0,
  emergency: 0,
  lawEnforcement: 0,
  specialTechnical: 0,
  retiredCadre: 0,
  other: 0,
}

/** What the facts are drawn from. */
interface FactsInput {
  readonly emit: Emit
  readonly r: Random
  readonly at: string
  readonly year: number
  readonly taxonomy: Taxonomy.Taxonomy
  readonly names: Names
  readonly sector: Sector
  readonly units: ReadonlyArray<{ readonly unitCode: string }>
  readonly lines: ReadonlyArray<ShanghaiLine>
  readonly projects: ReadonlyArray<ShanghaiProject>
  readonly vehiclesBought: number
}

/**
 * Emits the department's facts (every one optional in the domain; a generated department states
 * them all, except a body of 机构设置 that only some departments have).
 * @category constructors
 */
export const emitFacts = (f: FactsInput): void => {
  const { emit, r, at, year, lines, sector } = f
  const prev = year - 1
  const first = f.units[0]
  if (first !== undefined && r.chance(0.3))
    emit("OrganizationBodyRecorded", at, "body/law-enforcement", {
      name: `${f.names.department}行政执法队`,
      bodyType: "law-enforcement",
      budgetedWith: first.unitCode,
    })

  const factor = (h: number) => Math.max(0, Math.round(h * (0.85 + r.next() * 0.3)))
  const now = sum(lines, () => true)
  const three = (c: NonNullable<ShanghaiLine["threePublic"]>) => sum(lines, (l) => l.threePublic === c)
  const before = {
    total: factor(now),
    abroad: factor(three("abroad")),
    reception: factor(three("reception")),
    vehiclePurchase: r.chance(0.3) ? r.int(1, 3) * r.int(1_500, 2_500) : 0,
    vehicleOperation: factor(three("vehicle-operation")),
  }
  emit("PriorYearBudgetRecorded", at, `prior-year/${prev}`, {
    year: prev,
    incomeTotal: yuan(before.total),
    expenditureTotal: yuan(before.total),
    generalBudgetCurrent: yuan(before.total),
    threePublic: {
      abroad: yuan(before.abroad),
      reception: yuan(before.reception),
      vehiclePurchase: yuan(before.vehiclePurchase),
      vehicleOperation: yuan(before.vehicleOperation),
    },
    fiscalBySource: { generalBudget: yuan(before.total), governmentFund: "0.00", stateCapital: "0.00" },
  })

  for (const code of [...new Set(lines.map((l) => l.functionCode))].sort())
    emit("FunctionPurposeRecorded", at, `purpose/${code}`, {
      functionCode: code,
      purpose: `${Result.getOrThrow(f.taxonomy.functionName(code))}方面的支出`,
    })

  const vehicleNow = three("vehicle-purchase") + three("vehicle-operation")
  for (const [subject, n, b] of [
    ["fiscal-appropriation-change", now, before.total],
    ["abroad", three("abroad"), before.abroad],
    ["vehicle", vehicleNow, before.vehiclePurchase + before.vehicleOperation],
    ["vehicle-purchase", three("vehicle-purchase"), before.vehiclePurchase],
    ["vehicle-operation", three("vehicle-operation"), before.vehicleOperation],
    ["reception", three("reception"), before.reception],
  ] as const)
    emit("ItemReasonRecorded", at, `reason/${subject}`, {
      subject,
      text: reason(n, b, sector.work, subject === "fiscal-appropriation-change" ? "" : "主要原因是"),
    })

  const procured = sum(lines, (l) => l.procurement !== undefined)
  if (procured > 0) {
    const sme = Math.floor(procured * (0.3 + r.next() * 0.4))
    emit("ProcurementReservationRecorded", at, "procurement-reservation", {
      smallAndMedium: yuan(sme),
      smallAndMicro: yuan(Math.floor(sme * (0.4 + r.next() * 0.3))),
    })
  }
  const fleet = r.int(0, 8)
  emit("VehicleFleetRecorded", at, `fleet/${prev}-08-31`, {
    asOf: `${prev}-08-31`,
    vehicles: { ...NO_VEHICLES, lawEnforcement: fleet, other: r.int(0, 2) },
    equipmentOver1m: r.int(0, 2),
  })
  emit("PlannedPurchasesRecorded", at, "planned-purchases", {
    vehicles: { ...NO_VEHICLES, lawEnforcement: f.vehiclesBought },
    equipmentOver1m: 0,
  })
  const money = sum(lines, (l) => l.expenditure["kind"] === "project")
  emit("PerformanceSummaryRecorded", at, "performance-summary", {
    units: new Set(f.projects.map((p) => p.unitCode)).size,
    projects: f.projects.length,
    amount: yuan(money),
  })
}

/** What the 申报表 are drawn from. */
interface TargetsInput {
  readonly emit: Emit
  readonly r: Random
  readonly at: string
  readonly year: number
  readonly names: Names
  readonly sector: Sector
  readonly projects: ReadonlyArray<ShanghaiProject>
  readonly lines: ReadonlyArray<ShanghaiLine>
  /** 上年结转 of a project, in 百元. */
  readonly carried: ReadonlyMap<string, number>
}

/**
 * Emits one 财政项目支出绩效目标申报表 per project: this year's funds are its lines and its carryover,
 * the whole-life funds that times the project's years; indicators in the Shanghai wording.
 * @category constructors
 */
export const emitTargets = (t: TargetsInput): void => {
  const { emit, r, year, sector } = t
  const annualByProject = new Map<string, number>()
  for (const l of t.lines) {
    const id = l.expenditure["projectId"]
    if (id !== undefined) annualByProject.set(id, (annualByProject.get(id) ?? 0) + l.hundreds)
  }
  const funds = (h: number) => ({
    total: yuan(h),
    central: "0.00",
    provincial: "0.00",
    local: yuan(h),
    selfRaised: "0.00",
    other: "0.00",
  })
  for (const p of t.projects) {
    const annual = (annualByProject.get(p.projectId) ?? 0) + (t.carried.get(p.projectId) ?? 0)
    const start = year - r.int(0, p.periodYears - 1)
    emit("PerformanceTargetsRecorded", t.at, `targets/${p.projectId}`, {
      projectId: p.projectId,
      implementationFunds: funds(annual * p.periodYears),
      annualFunds: funds(annual),
      overview: `${p.name}用于保障${t.names.region}${sector.work}工作正常开展。`,
      basis: `${t.names.region}${sector.work}工作安排`,
      necessity: "",
      measures: "",
      plan: "1.制定实施计划，明确责任分工。\n2.按计划组织实施，加强资金监管。",
      implementationGoal: `完成${p.name}各项任务。`,
      annualGoal: `完成${p.name}${year}年度任务。`,
      indicators: [
        { level1: "成本指标", level2: "经济成本指标", level3: "成本控制合理性", value: "合理" },
        { level1: "产出指标", level2: "数量指标", level3: "完成事项数量", value: `≥${r.int(1, 50)}(项)` },
        { level1: "产出指标", level2: "质量指标", level3: "验收合格率", value: "=100.00(%)" },
        { level1: "产出指标", level2: "时效指标", level3: "按期完成率", value: "=100.00(%)" },
        { level1: "效益指标", level2: "社会效益指标", level3: "服务水平提升", value: "提高" },
        {
          level1: "满意度指标",
          level2: "服务对象满意度指标",
          level3: "服务对象满意度",
          value: `≥${r.int(85, 95)}.00(%)`,
        },
      ],
      competentDepartment: t.names.department,
      implementingUnit: p.unitName,
      implementer: p.unitName,
      plannedStart: `${start}-01-01`,
      plannedEnd: `${start + p.periodYears - 1}-12-31`,
      annualUses: `${p.name}所需的服务采购、材料和其他支出`,
    })
  }
}
