/**
 * 其他相关情况说明 of the Shanghai district template: “三公” item by item against last year with the
 * recorded reasons, 机关运行经费 with the bodies it covers, 政府采购 by kind and the SME reservation,
 * 绩效目标设置情况, and 国有资产 (vehicles by category, purchases planned). A part whose facts were
 * not recorded is left out rather than printed as 0.
 *
 * @module templates/shanghai-district-9/narrative-other
 */
import { type BudgetState, type Codes, type DisclosureFacts, Money } from "@ledger/domain"
import { both, current, fiscal, sumLines } from "../../narrative/ledger-sums.ts"
import type { NarrativeSection } from "../../narrative/types.ts"
import { chineseDate } from "../../narrative/wording.ts"
import { chineseCount } from "./organization.ts"
import { OPERATING_UNIT_TYPES } from "./tables-spending.ts"
import { versus, wanShort, wanText } from "./wording.ts"

const threePublicOf = (state: BudgetState.BudgetState, c: Codes.ThreePublicCategory) =>
  sumLines(
    state,
    both(current, fiscal, (l) => l.line.threePublic === c),
  )

const threePublic = (state: BudgetState.BudgetState, year: number): ReadonlyArray<string> => {
  const p = state.priorYear?.threePublic
  const py = state.priorYear?.year
  const why = (s: DisclosureFacts.ReasonSubject) => {
    const r = state.facts.reasons.get(s)
    return r === undefined ? "" : `，${r}`
  }
  const item = (
    label: string,
    now: Money.Money,
    before: Money.Money | undefined,
    s: DisclosureFacts.ReasonSubject,
  ) => {
    const c = versus(now, before, py, wanShort)
    return `${label}${wanShort(now)}万元${c === "" ? "" : `，${c}`}${why(s)}`
  }
  const abroad = threePublicOf(state, "abroad")
  const reception = threePublicOf(state, "reception")
  const purchase = threePublicOf(state, "vehicle-purchase")
  const operation = threePublicOf(state, "vehicle-operation")
  const m = (a: string | undefined) => (a === undefined ? undefined : Money.make(a))
  const pv = p && Money.add(Money.make(p.vehiclePurchase), Money.make(p.vehicleOperation))
  const pt = p && pv && Money.sum([Money.make(p.abroad), Money.make(p.reception), pv])
  const total = Money.sum([abroad, reception, purchase, operation])
  const tc = versus(total, pt, py, wanShort)
  return [
    `一、${year}年“三公”经费预算情况说明`,
    `${year}年“三公”经费预算数为${wanShort(total)}万元${tc === "" ? "" : `，${tc}`}。其中：`,
    `（一）${item("因公出国（境）费", abroad, m(p?.abroad), "abroad")}。`,
    `（二）${item("公务用车购置及运行费", Money.add(purchase, operation), pv, "vehicle")}。其中：` +
      `${item("公务用车购置费", purchase, m(p?.vehiclePurchase), "vehicle-purchase")}；` +
      `${item("公务用车运行费", operation, m(p?.vehicleOperation), "vehicle-operation")}。`,
    `（三）${item("公务接待费", reception, m(p?.reception), "reception")}。`,
  ]
}

const operatingCosts = (state: BudgetState.BudgetState, year: number): ReadonlyArray<string> => {
  const units = [...state.units.values()].filter((u) => OPERATING_UNIT_TYPES.includes(u.unitType))
  const codes = new Set(units.map((u) => u.unitCode))
  const amount = sumLines(
    state,
    (l) =>
      l.vintage === "current" &&
      l.line.fundingSource === "general-budget" &&
      l.line.expenditure.kind === "basic" &&
      l.line.expenditure.category === "public" &&
      codes.has(l.line.unitCode),
  )
  const agencies = state.facts.bodies.filter((b) => b.bodyType === "law-enforcement").length
  const covered =
    `${chineseCount(units.length)}家机关` +
    (agencies === 0 ? "" : `和${chineseCount(agencies)}家行政执法机构`)
  return [
    "二、机关运行经费预算",
    `${year}年${state.profile?.name ?? ""}下属${covered}财政拨款的机关运行经费预算为${wanText(amount)}万元。`,
  ]
}

const procurement = (state: BudgetState.BudgetState, year: number): ReadonlyArray<string> => {
  const of = (c: Codes.ProcurementCategory) =>
    sumLines(
      state,
      both(current, (l) => l.line.procurement === c),
    )
  const total = sumLines(
    state,
    both(current, (l) => l.line.procurement !== undefined),
  )
  const sme = state.facts.procurementReservation
  return [
    "三、政府采购预算情况",
    `${year}年本部门政府采购预算${wanText(total)}万元，其中：政府采购货物预算${wanText(of("goods"))}万元、` +
      `政府采购工程预算${wanText(of("works"))}万元、政府采购服务预算${wanText(of("services"))}万元。`,
    ...(sme === undefined
      ? []
      : [
          `${year}年本部门面向中小企业预留政府采购项目预算金额${wanText(Money.make(sme.smallAndMedium))}万元，其中，` +
            `预留给小型和微型企业的政府采购项目预算为${wanText(Money.make(sme.smallAndMicro))}万元。`,
        ]),
  ]
}

const performance = (state: BudgetState.BudgetState, year: number): ReadonlyArray<string> => {
  const s = state.facts.performanceSummary
  if (s === undefined) return []
  return [
    "四、绩效目标设置情况",
    `按照本区预算绩效管理工作的总体要求，本部门${s.units}个预算单位开展了${year}年项目预算绩效目标编报工作，` +
      `编报绩效目标的项目${s.projects}个，涉及项目预算资金${wanText(Money.make(s.amount))}万元。`,
  ]
}

const VEHICLES: ReadonlyArray<readonly [keyof DisclosureFacts.VehicleCounts, string]> = [
  ["ministerialLeader", "部级领导干部用车"],
  ["principalLeader", "主要领导干部用车"],
  ["confidentialCommunication", "机要通信用车"],
  ["emergency", "应急保障用车"],
  ["lawEnforcement", "执法执勤用车"],
  ["specialTechnical", "特种专业技术用车"],
  ["retiredCadre", "离退休干部用车"],
  ["other", "其他用车"],
]
const byCategory = (v: DisclosureFacts.VehicleCounts) =>
  VEHICLES.map(([k, label]) => `${label}${v[k]}辆`).join("、")
const countOf = (v: DisclosureFacts.VehicleCounts) => VEHICLES.reduce((n, [k]) => n + v[k], 0)

const assets = (state: BudgetState.BudgetState, year: number): ReadonlyArray<string> => {
  const { fleet, plannedPurchases: plan } = state.facts
  if (fleet === undefined && plan === undefined) return []
  const out = ["五、国有资产占有使用情况"]
  if (fleet !== undefined)
    out.push(
      `截至${chineseDate(fleet.asOf)}，${state.profile?.name ?? ""}共有车辆${countOf(fleet.vehicles)}辆，其中：` +
        `${byCategory(fleet.vehicles)}；单价100万元（含）以上设备（不含车辆）${fleet.equipmentOver1m}套。`,
    )
  if (plan !== undefined)
    out.push(
      `${year}年部门预算安排购置车辆${countOf(plan.vehicles)}辆，其中：${byCategory(plan.vehicles)}；` +
        `部门预算安排购置单价100万元（含）以上设备（不含车辆）${plan.equipmentOver1m}套。`,
    )
  return out
}

/** 六、其他相关情况说明. @category projections */
export const otherSection = (state: BudgetState.BudgetState, year: number): NarrativeSection => ({
  id: "六",
  title: "其他相关情况说明",
  text: [
    ...threePublic(state, year),
    ...operatingCosts(state, year),
    ...procurement(state, year),
    ...performance(state, year),
    ...assets(state, year),
  ].join("\n"),
})
