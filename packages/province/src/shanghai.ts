/**
 * One synthetic Shanghai district department-year (`shanghai-district-9`), in the event shapes a
 * Shanghai department sends: profile, units, projects, basic lines per unit × 部门经济款 (no
 * government class: the Shanghai tables print none), project lines, the facts its 编制说明 and
 * 其他相关情况说明 print (`shanghai-facts.ts`), a 申报表 per project, the publication and, after it,
 * 追加/追减 and reclassifications. Carryovers are project money only: the Shanghai tables print the
 * current year, and its rules compare 人员/公用 with every basic line of the ledger. Codes come from
 * the year's taxonomy (三公 items by its `threePublicCodes`); amounts are whole 百元.
 *
 * @module shanghai
 */
import { Result } from "effect"
import { Taxonomy } from "@ledger/domain"
import { emitAdjustments } from "./adjustments.ts"
import { makeNames } from "./names.ts"
import { makeRandom, type Random } from "./random.ts"
import { type Sector, sectorOf } from "./sectors.ts"
import { emitFacts, emitTargets, type ShanghaiProject } from "./shanghai-facts.ts"
import { type DepartmentYearSpec, departmentCode, makeEmitter, pad, type WireEvent, yuan } from "./wire.ts"

type UnitType = "administrative" | "civil-service-managed" | "public-institution"
type ThreePublic = "abroad" | "reception" | "vehicle-purchase" | "vehicle-operation"

/** A Shanghai line before it is written; amounts in 百元. @category models */
export interface ShanghaiLine {
  lineId: string
  unitCode: string
  fundingSource: "general-budget"
  functionCode: string
  expenditure: Record<string, string>
  threePublic?: ThreePublic
  procurement?: "goods" | "works" | "services"
  hundreds: number
}

interface Unit {
  readonly unitCode: string
  readonly name: string
  readonly unitType: UnitType
  readonly staff: number
}

/** The wire form of a line (amount in 元). */
const wireLine = (l: ShanghaiLine) => {
  const { hundreds, ...rest } = l
  return { ...rest, amount: yuan(hundreds) }
}

/** The basic lines of one unit: personnel and public codes under its 行政/事业运行, then insurance. */
const basicLines = (
  r: Random,
  u: Unit,
  sector: Sector,
  code: (c: ThreePublic) => string,
): ReadonlyArray<ShanghaiLine> => {
  const out: Array<ShanghaiLine> = []
  const s = u.staff
  const admin = u.unitType !== "public-institution"
  const run = admin ? sector.adminCode : sector.institutionCode
  const basic = (
    functionCode: string,
    dept: string,
    category: "personnel" | "public",
    hundreds: number,
    extra: Partial<Pick<ShanghaiLine, "threePublic" | "procurement">> = {},
  ) => {
    if (hundreds > 0)
      out.push({
        lineId: `${u.unitCode}-${functionCode}-${dept}`,
        unitCode: u.unitCode,
        fundingSource: "general-budget",
        functionCode,
        expenditure: { kind: "basic", category, deptEconomicCode: dept },
        ...extra,
        hundreds,
      })
  }
  basic(run, "30101", "personnel", s * r.int(450, 600))
  basic(run, "30102", "personnel", s * r.int(600, 1_000))
  basic(run, admin ? "30103" : "30107", "personnel", s * r.int(40, 300))
  basic(run, "30112", "personnel", s * r.int(3, 8))
  if (r.chance(0.5)) basic(run, "30199", "personnel", s * r.int(50, 120))
  basic(run, "30201", "public", s * r.int(10, 25))
  if (r.chance(0.5)) basic(run, "30202", "public", r.int(50, 500))
  if (r.chance(0.5)) basic(run, "30205", "public", r.int(10, 60))
  if (r.chance(0.6)) basic(run, "30206", "public", r.int(50, 800))
  if (r.chance(0.5)) basic(run, "30207", "public", r.int(10, 200))
  if (r.chance(0.4)) basic(run, "30209", "public", r.int(100, 3_000), { procurement: "services" })
  basic(run, "30211", "public", s * r.int(5, 12))
  if (r.chance(0.4)) basic(run, "30213", "public", r.int(50, 400))
  if (r.chance(0.4)) basic(run, "30214", "public", r.int(100, 1_500))
  if (r.chance(0.5)) basic(run, "30216", "public", s * r.int(2, 5))
  if (r.chance(0.5)) basic(run, code("reception"), "public", r.int(5, 60), { threePublic: "reception" })
  if (r.chance(0.05)) basic(run, code("abroad"), "public", r.int(50, 300), { threePublic: "abroad" })
  if (r.chance(0.4)) basic(run, "30218", "public", r.int(100, 1_200))
  basic(run, "30228", "public", s * r.int(20, 40))
  if (r.chance(0.35))
    basic(run, code("vehicle-operation"), "public", r.int(1, 6) * r.int(150, 300), {
      threePublic: "vehicle-operation",
    })
  if (admin) basic(run, "30239", "public", s * r.int(100, 160))
  basic(run, "30299", "public", r.int(20, 1_200))
  if (r.chance(0.3)) basic(run, "31002", "public", r.int(20, 500), { procurement: "goods" })
  basic("2080505", "30108", "personnel", s * r.int(85, 95))
  if (r.chance(0.7)) basic("2080506", "30109", "personnel", s * r.int(30, 40))
  basic(admin ? "2101101" : "2101102", "30110", "personnel", s * r.int(35, 45))
  basic("2210201", "30113", "personnel", s * r.int(65, 75))
  if (r.chance(0.6)) basic("2210203", "30102", "personnel", s * r.int(60, 90))
  if (r.chance(0.5)) basic(admin ? "2080501" : "2080502", "30302", "personnel", r.int(1, 6) * r.int(250, 400))
  return out
}

/** The project lines of one project: one to three parts, some bought as services or 接待. */
const projectLines = (
  r: Random,
  p: ShanghaiProject,
  sector: Sector,
  code: (c: ThreePublic) => string,
): ReadonlyArray<ShanghaiLine> =>
  Array.from({ length: r.skewed(1, 3, 2) }, (_, k) => {
    const line: ShanghaiLine = {
      lineId: `${p.projectId}-${k + 1}`,
      unitCode: p.unitCode,
      fundingSource: "general-budget",
      functionCode: r.pick(sector.projectCodes),
      expenditure: { kind: "project", projectId: p.projectId },
      hundreds: r.skewed(50, 20_000, 3),
    }
    const roll = k > 0 ? r.next() : 1
    if (roll < 0.2) {
      line.expenditure = { ...line.expenditure, deptEconomicCode: code("reception") }
      line.threePublic = "reception"
      line.hundreds = r.int(5, 80)
    } else if (roll < 0.6) line.procurement = "services"
    return line
  })

/**
 * The events of one Shanghai district department-year, in the order a finance system sends them.
 * @category constructors
 */
export const shanghaiDepartmentYear = (spec: DepartmentYearSpec): ReadonlyArray<WireEvent> => {
  const { year } = spec
  const taxonomy = Result.getOrThrow(Taxonomy.forYear(year))
  const code = (c: ThreePublic): string => {
    const codes = taxonomy.threePublicCodes(c)
    const first = codes[0]
    if (first === undefined) throw new Error(`the ${year} taxonomy books no code for 三公 ${c}`)
    return first
  }
  const department = departmentCode(spec.index)
  // Names and sizes belong to the department (the same in every year); amounts to the department-year.
  const dr = makeRandom(spec.seed, `department/${department}`)
  const r = makeRandom(spec.seed, `${department}/${year}`)
  const sector = sectorOf(dr, taxonomy)
  const names = makeNames(dr, sector, "district")
  const unitCount = dr.skewed(1, 30, 5)
  const projectCount = dr.skewed(5, 300, 6)
  const { events, emit } = makeEmitter(department, year)
  const prev = year - 1
  const at = `${prev}-12-${pad(r.int(10, 25), 2)}`

  emit("DepartmentProfileRecorded", at, "profile", {
    departmentCode: department,
    name: names.department,
    regionName: names.region,
    template: spec.template,
    duties: names.duties,
  })
  const units: ReadonlyArray<Unit> = Array.from({ length: unitCount }, (_, i) => ({
    unitCode: `${department}${pad(i + 1, 3)}`,
    name: names.unit(i),
    unitType: i === 0 ? "administrative" : dr.chance(0.15) ? "civil-service-managed" : "public-institution",
    staff: r.int(3, 60),
  }))
  for (const u of units)
    emit("UnitRegistered", at, `unit/${u.unitCode}`, {
      unitCode: u.unitCode,
      name: u.name,
      unitType: u.unitType,
    })

  const projects: ReadonlyArray<ShanghaiProject> = Array.from({ length: projectCount }, (_, i) => {
    const unit = units[i % units.length] as Unit
    const life = r.chance(0.6) ? "one-off" : r.chance(0.5) ? "recurring" : "phased"
    return {
      projectId: `${unit.unitCode}-P${pad(Math.floor(i / units.length) + 1, 3)}`,
      unitCode: unit.unitCode,
      unitName: unit.name,
      name: names.project(i),
      category: r.chance(0.7) ? "other-operation" : "specific-target",
      life,
      periodYears: life === "one-off" ? 1 : r.int(2, 5),
    }
  })
  for (const p of projects)
    emit("ProjectRegistered", at, `project/${p.projectId}`, {
      projectId: p.projectId,
      unitCode: p.unitCode,
      name: p.name,
      category: p.category,
      life: p.life,
      periodYears: p.periodYears,
    })

  const lines: Array<ShanghaiLine> = []
  for (const u of units) lines.push(...basicLines(r, u, sector, code))
  for (const p of projects) lines.push(...projectLines(r, p, sector, code))
  // Vehicles bought this year: a 公务用车购置 line on the first project, bought as goods.
  const vehiclesBought = r.chance(0.25) ? r.int(1, 4) : 0
  const first = projects[0]
  if (vehiclesBought > 0 && first !== undefined)
    lines.push({
      lineId: `${first.projectId}-vehicles`,
      unitCode: first.unitCode,
      fundingSource: "general-budget",
      functionCode: sector.projectCodes[0] ?? sector.adminCode,
      expenditure: {
        kind: "project",
        projectId: first.projectId,
        deptEconomicCode: code("vehicle-purchase"),
      },
      threePublic: "vehicle-purchase",
      procurement: "goods",
      hundreds: vehiclesBought * r.int(1_500, 2_500),
    })
  for (const l of lines) emit("AppropriationRecorded", at, `line/${l.lineId}`, { line: wireLine(l) })

  // Carryovers: project money from last year, kept for the project's purpose.
  const carried = new Map<string, number>()
  for (const p of projects) {
    if (!r.chance(0.12)) continue
    const source = lines.find((l) => l.expenditure["projectId"] === p.projectId)
    if (source === undefined) continue
    const line: ShanghaiLine = {
      lineId: `${p.projectId}-k${prev}`,
      unitCode: p.unitCode,
      fundingSource: "general-budget",
      functionCode: source.functionCode,
      expenditure: { kind: "project", projectId: p.projectId },
      hundreds: r.int(20, 2_000),
    }
    carried.set(p.projectId, line.hundreds)
    emit("CarryoverRecorded", at, `line/${line.lineId}`, { line: wireLine(line), originYear: prev })
  }

  emitFacts({ emit, r, at, year, taxonomy, names, sector, units, lines, projects, vehiclesBought })
  emitTargets({ emit, r, at, year, names, sector, projects, lines, carried })
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
    most: Math.min(6, 1 + Math.floor(lines.filter((l) => l.expenditure["kind"] === "project").length / 30)),
    lines,
    meetingLine: (from, lineId, hundreds) => ({
      ...from,
      lineId,
      expenditure: { kind: "basic", category: "public", deptEconomicCode: "30215" },
      hundreds,
    }),
    wire: wireLine,
  })
  return events
}
