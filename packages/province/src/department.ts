/**
 * One synthetic department-year: the events a finance system would send for a county department —
 * profile, units, projects with 绩效目标表, basic lines per unit × economic code, carryovers,
 * last year's figures, notes, assets, the publication and, after it, mid-year 追加/追减 and
 * reclassifications. Every code comes from the year's taxonomy and every amount is a whole number
 * of 百元, so the printed 万元 cells add up exactly and the derived disclosure passes R1–R16. A
 * Shanghai district department-year is `shanghai.ts`'s; this module dispatches on the template.
 *
 * @module department
 */
import { Result } from "effect"
import { Taxonomy } from "@ledger/domain"
import { emitAdjustments } from "./adjustments.ts"
import { makeNames } from "./names.ts"
import { makeRandom } from "./random.ts"
import { sectorOf } from "./sectors.ts"
import { shanghaiDepartmentYear } from "./shanghai.ts"
import {
  type DepartmentYearSpec,
  departmentCode,
  makeEmitter,
  pad,
  type WireEvent,
  wan,
  yuan,
} from "./wire.ts"

type UnitType = "administrative" | "civil-service-managed" | "public-institution"
type ThreePublic = "abroad" | "reception" | "vehicle-purchase" | "vehicle-operation"

interface Line {
  lineId: string
  unitCode: string
  fundingSource: "general-budget"
  functionCode: string
  expenditure: Record<string, string>
  threePublic?: ThreePublic
  procurement?: "goods" | "works" | "services"
  /** In 百元 (hundreds of 元): every amount is a whole number of them. */
  hundreds: number
}

/**
 * The events of one department-year, in the order a finance system sends them, for its template.
 * @category constructors
 */
export const generateDepartmentYear = (spec: DepartmentYearSpec): ReadonlyArray<WireEvent> =>
  spec.template === "shanghai-district-9" ? shanghaiDepartmentYear(spec) : shanxiDepartmentYear(spec)

/** A Shanxi county department-year (`shanxi-county-13`). */
const shanxiDepartmentYear = (spec: DepartmentYearSpec): ReadonlyArray<WireEvent> => {
  const { year } = spec
  const taxonomy = Result.getOrThrow(Taxonomy.forYear(year))
  const department = departmentCode(spec.index)
  // Names and sizes belong to the department (the same in every year); amounts to the department-year.
  const dr = makeRandom(spec.seed, `department/${department}`)
  const r = makeRandom(spec.seed, `${department}/${year}`)
  const sector = sectorOf(dr, taxonomy)
  const names = makeNames(dr, sector)
  const unitCount = dr.skewed(1, 30, 5)
  const projectCount = dr.skewed(5, 300, 6)

  const { events, emit } = makeEmitter(department, year)
  const prev = year - 1

  emit("DepartmentProfileRecorded", `${prev}-10-09`, "profile", {
    departmentCode: department,
    name: names.department,
    regionName: names.region,
    template: spec.template,
    duties: names.duties,
  })

  const units = Array.from({ length: unitCount }, (_, i) => {
    const unitType: UnitType =
      i === 0 ? "administrative" : dr.chance(0.15) ? "civil-service-managed" : "public-institution"
    return { unitCode: `${department}${pad(i + 1, 3)}`, name: names.unit(i), unitType, staff: r.int(3, 40) }
  })
  for (const u of units)
    emit("UnitRegistered", `${prev}-10-09`, `unit/${u.unitCode}`, {
      unitCode: u.unitCode,
      name: u.name,
      unitType: u.unitType,
    })

  const lines: Array<Line> = []
  const gov = (dept: string, t: UnitType) => Result.getOrThrow(taxonomy.govEconomicFor(dept, t))

  // Projects: each with one to three current-year lines.
  const projects = Array.from({ length: projectCount }, (_, i) => {
    const unit = units[i % units.length] as (typeof units)[number]
    const seq = Math.floor(i / units.length) + 1
    const projectId = `${unit.unitCode}-${pad(seq, 3)}`
    const life = r.chance(0.7)
      ? ("one-off" as const)
      : r.chance(0.5)
        ? ("recurring" as const)
        : ("phased" as const)
    const periodYears = life === "one-off" ? 1 : r.int(2, 5)
    return {
      projectId,
      unit,
      name: names.project(i),
      category: r.chance(0.8) ? ("other-operation" as const) : ("specific-target" as const),
      life,
      periodYears,
    }
  })
  for (const p of projects)
    emit("ProjectRegistered", `${prev}-10-15`, `project/${p.projectId}`, {
      projectId: p.projectId,
      unitCode: p.unit.unitCode,
      name: p.name,
      category: p.category,
      life: p.life,
      periodYears: p.periodYears,
    })
  for (const p of projects) {
    const parts = r.skewed(1, 3, 2)
    for (let k = 0; k < parts; k++) {
      const line: Line = {
        lineId: `${p.projectId}-c${k === 0 ? "" : k}`,
        unitCode: p.unit.unitCode,
        fundingSource: "general-budget",
        functionCode: r.pick(sector.projectCodes),
        expenditure: { kind: "project", projectId: p.projectId },
        hundreds: r.skewed(50, 20_000, 3),
      }
      const roll = k > 0 ? r.next() : 1
      if (roll < 0.3) {
        line.expenditure = {
          ...line.expenditure,
          deptEconomicCode: "30217",
          govEconomicCode: gov("30217", p.unit.unitType),
        }
        line.threePublic = "reception"
        line.hundreds = r.int(5, 80)
      } else if (roll < 0.51) {
        const dept = r.pick(["30201", "30213", "30226", "30227"])
        line.expenditure = {
          ...line.expenditure,
          deptEconomicCode: dept,
          govEconomicCode: gov(dept, p.unit.unitType),
        }
        line.procurement = "services"
      }
      lines.push(line)
    }
  }
  const annualByProject = new Map<string, number>()
  for (const l of lines) {
    const id = l.expenditure["projectId"]
    if (id !== undefined) annualByProject.set(id, (annualByProject.get(id) ?? 0) + l.hundreds)
  }
  const annualOf = (projectId: string) => annualByProject.get(projectId) ?? 0
  for (const p of projects) {
    const annual = annualOf(p.projectId)
    const period = annual * p.periodYears
    const funds = (h: number) => ({
      total: yuan(h),
      central: "0.00",
      provincial: "0.00",
      local: yuan(h),
      selfRaised: "0.00",
    })
    const day = pad(r.int(1, 28), 2)
    const time = `${pad(r.int(0, 23), 2)}${pad(r.int(0, 59), 2)}${pad(r.int(0, 59), 2)}`
    emit(
      "PerformanceTargetsRecorded",
      `${prev}-11-${day}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4)}Z`,
      `targets/${p.projectId}`,
      {
        projectId: p.projectId,
        implementationFunds: funds(period),
        annualFunds: funds(annual),
        overview: `${p.name}：保障${sector.work}正常开展`,
        basis: `${names.region}${sector.work}工作安排`,
        necessity: `${sector.work}履职需要`,
        measures: "按计划组织实施，加强资金监管",
        plan: "年内分阶段完成",
        implementationGoal: `完成${p.name}各项任务`,
        annualGoal: `完成${p.name}年度任务`,
        indicators: [
          {
            level1: "产出指标",
            level2: "数量指标",
            level3: "完成事项数量",
            value: `≥${r.int(1, 50)}项`,
            annualLevel3: "完成事项数量",
            annualValue: `≥${r.int(1, 20)}项`,
          },
          {
            level1: "产出指标",
            level2: "质量指标",
            level3: "验收合格率",
            value: "100%",
            annualLevel3: "验收合格率",
            annualValue: "100%",
          },
          {
            level1: "产出指标",
            level2: "时效指标",
            level3: "按期完成率",
            value: "100%",
            annualLevel3: "按期完成率",
            annualValue: "100%",
          },
          {
            level1: "产出指标",
            level2: "成本指标",
            level3: "项目总成本",
            value: `${wan(period)}万元`,
            annualLevel3: "项目年度成本",
            annualValue: `${wan(annual)}万元`,
          },
          {
            level1: "效益指标",
            level2: "社会效益",
            level3: "服务水平提升",
            value: "明显",
            annualLevel3: "服务水平提升",
            annualValue: "明显",
          },
          {
            level1: "满意度指标",
            level2: "服务对象满意度",
            level3: "服务对象满意度",
            value: "≥90%",
            annualLevel3: "服务对象满意度",
            annualValue: "≥90%",
          },
        ],
        filledAt: `${prev}11${day}${time}`,
      },
    )
  }
  for (const u of units)
    emit("UnitOverallTargetsRecorded", `${prev}-11-20`, `unit-targets/${u.unitCode}`, {
      unitCode: u.unitCode,
    })

  // Basic lines: per unit, personnel and public codes under the unit's 行政/事业运行, then the
  // social security, medical and housing lines under their own 功能项.
  let vehicles = 0
  for (const u of units) {
    const s = u.staff
    const admin = u.unitType !== "public-institution"
    const run = admin ? sector.adminCode : sector.institutionCode
    const basic = (
      functionCode: string,
      dept: string,
      category: "personnel" | "public",
      hundreds: number,
      threePublic?: ThreePublic,
    ) => {
      if (hundreds <= 0) return
      const line: Line = {
        lineId: `${u.unitCode}-${functionCode}-${dept}-c`,
        unitCode: u.unitCode,
        fundingSource: "general-budget",
        functionCode,
        expenditure: {
          kind: "basic",
          category,
          deptEconomicCode: dept,
          govEconomicCode: gov(dept, u.unitType),
        },
        hundreds,
      }
      if (threePublic !== undefined) line.threePublic = threePublic
      lines.push(line)
    }
    basic(run, "30101", "personnel", s * r.int(400, 520))
    basic(run, "30102", "personnel", s * r.int(150, 250))
    basic(run, admin ? "30103" : "30107", "personnel", s * r.int(40, 300))
    basic(run, "30112", "personnel", s * r.int(3, 8))
    if (r.chance(0.4)) basic(run, "30199", "personnel", r.int(10, 80))
    basic(run, "30201", "public", s * r.int(10, 25))
    basic(run, "30211", "public", s * r.int(5, 12))
    if (r.chance(0.6)) basic(run, "30216", "public", s * r.int(2, 5))
    if (r.chance(0.5)) basic(run, "30205", "public", r.int(10, 60))
    if (r.chance(0.5)) basic(run, "30206", "public", r.int(20, 150))
    if (r.chance(0.5)) basic(run, "30207", "public", r.int(10, 50))
    basic(run, "30228", "public", s * r.int(3, 5))
    if (admin) basic(run, "30239", "public", s * r.int(15, 25))
    basic(run, "30299", "public", r.int(20, 200))
    if (r.chance(0.5)) basic(run, "30217", "public", r.int(5, 60), "reception")
    if (r.chance(0.35)) {
      const count = r.int(1, 3)
      vehicles += count
      basic(run, "30231", "public", count * r.int(150, 300), "vehicle-operation")
    }
    basic("2080505", "30108", "personnel", s * r.int(85, 95))
    if (r.chance(0.7)) basic("2080506", "30109", "personnel", s * r.int(30, 40))
    basic(admin ? "2101101" : "2101102", "30110", "personnel", s * r.int(35, 45))
    basic("2210201", "30113", "personnel", s * r.int(65, 75))
    if (r.chance(0.5))
      basic(admin ? "2080501" : "2080502", "30302", "personnel", r.int(1, 6) * r.int(250, 400))
  }

  const noteAt = `${year}-01-25`
  const current = lines.map((l) => l.hundreds)
  const total = current.reduce((a, b) => a + b, 0)
  const threePublicNow = (c: ThreePublic) =>
    lines.reduce((n, l) => (l.threePublic === c ? n + l.hundreds : n), 0)
  const factor = (h: number) => Math.max(0, Math.round(h * (0.85 + r.next() * 0.3)))
  const generalNow = lines.reduce((n, l) => (l.fundingSource === "general-budget" ? n + l.hundreds : n), 0)
  const institutions = new Set(
    units.filter((u) => u.unitType === "public-institution").map((u) => u.unitCode),
  )
  const operating = lines.reduce(
    (n, l) => (l.expenditure["category"] === "public" && !institutions.has(l.unitCode) ? n + l.hundreds : n),
    0,
  )
  const priorTotal = factor(total)
  const priorGeneral = factor(generalNow)
  const reception = threePublicNow("reception")
  const operation = threePublicNow("vehicle-operation")
  let priorReception = factor(reception)
  let priorOperation = factor(operation)
  // Section 七 gives its reason only when the 三公 total changed: items that move while the total
  // stays would read as a change without a reason (R14), so such a year keeps last year's items.
  if (priorReception + priorOperation === reception + operation) {
    priorReception = reception
    priorOperation = operation
  }
  emit("PriorYearBudgetRecorded", `${prev}-02-10`, `prior-year/${prev}`, {
    year: prev,
    incomeTotal: yuan(priorTotal),
    expenditureTotal: yuan(priorTotal),
    generalBudgetCurrent: yuan(priorGeneral),
    threePublic: {
      abroad: "0.00",
      reception: yuan(priorReception),
      vehiclePurchase: "0.00",
      vehicleOperation: yuan(priorOperation),
    },
    operatingCosts: yuan(factor(operating)),
  })
  for (const [topic, text] of [
    ["income-change", `${sector.work}任务调整，预算相应变化`],
    ["expenditure-change", `${sector.work}任务调整，预算相应变化`],
    ["general-budget-change", `${sector.work}任务调整，一般公共预算相应变化`],
    ["three-public-change", "严格控制公务接待和公务用车支出"],
    ["operating-cost-change", "人员变动，公用经费相应调整"],
    ["purchase-service-catalog", "无"],
    ["other-remarks", "无"],
  ] as const)
    emit("NarrativeNoteRecorded", noteAt, `note/${topic}`, { topic, text })
  emit("AssetHoldingsRecorded", `${prev}-12-31`, `assets/${prev}-12-31`, {
    asOf: `${prev}-12-31`,
    vehicles: {
      quota: vehicles + r.int(0, 1),
      actual: vehicles,
      leader: 0,
      confidential: 0,
      emergency: 0,
      enforcement: 0,
      specialTechnical: 0,
      institutionBusiness: 0,
      other: vehicles,
    },
    officeFloorArea: `${units.reduce((n, u) => n + u.staff, 0) * r.int(18, 30)}.${pad(r.int(0, 99), 2)}`,
    equipmentOver500k: 0,
    equipmentOver1m: 0,
  })

  const wire = (l: Line) => {
    const { hundreds, ...rest } = l
    return { ...rest, amount: yuan(hundreds) }
  }
  for (const l of lines) emit("AppropriationRecorded", `${year}-01-20`, `line/${l.lineId}`, { line: wire(l) })

  // Carryovers from last year: some project lines and one basic 办公费 line.
  const carried = projects.filter(() => r.chance(0.15))
  for (const p of carried) {
    const source = lines.find((l) => l.expenditure["projectId"] === p.projectId)
    if (source === undefined) continue
    const line: Line = { ...source, lineId: `${p.projectId}-k${prev}`, hundreds: r.int(20, 2_000) }
    delete line.threePublic
    delete line.procurement
    line.expenditure = { kind: "project", projectId: p.projectId }
    emit("CarryoverRecorded", `${year}-01-20`, `line/${line.lineId}`, { line: wire(line), originYear: prev })
  }
  if (r.chance(0.5)) {
    const source = lines.find((l) => l.expenditure["deptEconomicCode"] === "30201")
    if (source !== undefined) {
      const line: Line = { ...source, lineId: `${source.unitCode}-30201-k${prev}`, hundreds: r.int(20, 400) }
      emit("CarryoverRecorded", `${year}-01-20`, `line/${line.lineId}`, {
        line: wire(line),
        originYear: prev,
      })
    }
  }

  emit(
    "DisclosurePublished",
    `${year}-02-${pad(r.int(1, 20), 2)}`,
    `published/${year}`,
    { template: spec.template },
    `discloser:${department}`,
  )

  // After publication: 追加/追减 of project lines and reclassifications of 办公费 to 会议费.
  emitAdjustments({
    r,
    emit,
    year,
    short: names.short,
    work: sector.work,
    most: Math.min(6, 1 + Math.floor(projectCount / 20)),
    lines,
    meetingLine: (from, lineId, hundreds) => {
      const unitType = units.find((u) => u.unitCode === from.unitCode)?.unitType ?? "administrative"
      return {
        ...from,
        lineId,
        expenditure: {
          kind: "basic",
          category: "public",
          deptEconomicCode: "30215",
          govEconomicCode: gov("30215", unitType),
        },
        hundreds,
      }
    },
    wire,
  })
  return events
}
