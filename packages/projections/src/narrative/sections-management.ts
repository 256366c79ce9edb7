/**
 * Sections 九 to 十二 of 情况说明: 政府采购, 绩效管理, 国有资产 and other remarks. Counts come from
 * the registered units and projects and the performance targets actually recorded, so section 十
 * cannot claim more published targets than the document prints (domain.md §5.2 no. 2).
 *
 * @module narrative/sections-management
 */
import { type BudgetState, Codes, Money } from "@ledger/domain"
import { all, both, current, project, projectOf, sumBy, sumLines } from "./ledger-sums.ts"
import type { NarrativeSection, SectionContext } from "./types.ts"
import { chineseDate, share, wan, wanSum } from "./wording.ts"

/** 九、政府采购情况: the lines tagged for procurement, by goods, works and services. @category projections */
export const sectionNine = (ctx: SectionContext): NarrativeSection => {
  const by = (c: Codes.ProcurementCategory): string =>
    wan(sumLines(ctx.state, (l) => l.line.procurement === c))
  const total = wan(sumLines(ctx.state, (l) => l.line.procurement !== undefined))
  return {
    id: "九",
    title: "政府采购情况",
    text:
      `${ctx.year}年${ctx.department}政府采购预算总额${total}万元。其中：政府采购货物预算${by("goods")}万元、` +
      `政府采购工程预算${by("works")}万元、政府采购服务预算${by("services")}万元。`,
  }
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** A project with its current-year amount (table 12) and whether its 绩效目标表 was recorded. @category models */
interface ProjectFigure {
  readonly projectId: string
  readonly category: Codes.ProjectCategory
  readonly amount: string
  readonly hasTargets: boolean
}

/**
 * The projects of table 12 (current-year project spending), in its printing order: by unit code,
 * then project id. The amounts are summed in one pass over the lines (a sum per project was
 * O(projects × lines): 300 projects of 1,000 lines dominated section 十).
 * @category projections
 */
const projectFigures = (state: BudgetState.BudgetState): ReadonlyArray<ProjectFigure> => {
  const amounts = new Map(sumBy(state, both(current, project), projectOf))
  return [...state.projects.values()]
    .sort((a, b) => byCode(a.unitCode, b.unitCode) || byCode(a.projectId, b.projectId))
    .map((p) => ({
      projectId: p.projectId,
      category: p.category,
      amount: amounts.get(p.projectId) ?? Money.zero,
      hasTargets: state.performanceTargets.has(p.projectId),
    }))
    .filter((p) => !Money.isZero(p.amount))
    .map((p) => ({ ...p, amount: wan(p.amount) }))
}

const byCategory = (
  ctx: SectionContext,
  projects: ReadonlyArray<ProjectFigure>,
  amountWord: string,
): string =>
  Codes.ProjectCategory.literals
    .map((c) => {
      const of = projects.filter((p) => p.category === c)
      return `${ctx.taxonomy.projectCategoryName(c)}项目${of.length}个，${amountWord}${wanSum(of.map((p) => p.amount))}万元`
    })
    .join("；")

/**
 * 十、绩效管理情况: unit-wide targets with the budget of the units that declared them, then
 * projects under target management and those whose targets are published, by category.
 * @category projections
 */
export const sectionTen = (ctx: SectionContext): NarrativeSection => {
  const { state } = ctx
  const units = [...state.units.values()].sort((a, b) => a.order - b.order)
  const declaring = units.filter((u) => state.unitOverallTargets.has(u.unitCode))
  const includesOffice = units[0] !== undefined && state.unitOverallTargets.has(units[0].unitCode)
  const declaredFunds = wan(
    sumLines(
      state,
      both(all, (l) => state.unitOverallTargets.has(l.line.unitCode)),
    ),
  )
  const overall =
    `${ctx.year}年下属预算单位${units.length}个，其中${declaring.length}个单位${includesOffice ? "（包括机关）" : ""}` +
    `编报了单位整体绩效目标，涉及资金${declaredFunds}万元。`
  const projects = projectFigures(state)
  const total = wanSum(projects.map((p) => p.amount))
  const published = projects.filter((p) => p.hasTargets)
  const publishedTotal = wanSum(published.map((p) => p.amount))
  const managed =
    `${ctx.year}年${ctx.department}纳入绩效目标管理的二级项目${projects.length}个，共计金额${total}万元。` +
    `其中：${byCategory(ctx, projects, "涉及金额")}。` +
    `公开项目绩效目标${published.length}个，涉及项目金额${publishedTotal}万元，` +
    `占部门(单位)项目支出总额的${share(publishedTotal, total)}%。其中：${byCategory(ctx, published, "涉及项目金额")}。`
  return {
    id: "十",
    title: "绩效管理情况",
    text: ["1、整体绩效目标", overall, "2、项目绩效目标", managed, "(项目绩效目标表公开情况见附件)"].join(
      "\n",
    ),
  }
}

/** 十一、国有资产占有使用情况: vehicles by category, office floor area and large equipment at the cut-off date. @category projections */
export const sectionEleven = (ctx: SectionContext): NarrativeSection => {
  const a = ctx.state.assets
  const title = "国有资产占有使用情况"
  if (a === undefined) return { id: "十一", title, text: "无" }
  const at = `截至${chineseDate(a.asOf)}，${ctx.department}`
  const v = a.vehicles
  const kinds: ReadonlyArray<readonly [string, number]> = [
    ["领导用车", v.leader],
    ["机要通信用车", v.confidential],
    ["应急保障用车", v.emergency],
    ["执法执勤用车", v.enforcement],
    ["特种专业技术用车", v.specialTechnical],
    ["事业单位业务用车", v.institutionBusiness],
    ["其他公务用车", v.other],
  ]
  return {
    id: "十一",
    title,
    text: [
      "1、车辆情况：",
      `${at}共有公务用车编制${v.quota}辆，实有${v.actual}辆，其中：${kinds.map(([k, n]) => `${k}${n}辆`).join("，")}。`,
      "2、房屋情况：",
      `${at}使用的办公用房建筑总面积${a.officeFloorArea}平方米。`,
      "3、其他国有资产占有使用情况：",
      `${at}占有使用价值50万元（原值）以上的通用设备${a.equipmentOver500k}台（套）；` +
        `${ctx.department}占有使用价值100万元（原值）以上的通用设备${a.equipmentOver1m}台（套）。`,
    ].join("\n"),
  }
}

/** 十二、其他说明: the 政府购买服务指导性目录 and other remarks, "无" when no note says otherwise. @category projections */
export const sectionTwelve = (ctx: SectionContext): NarrativeSection => ({
  id: "十二",
  title: "其他说明",
  text: [
    "（一）政府购买服务指导性目录",
    ctx.state.notes.get("purchase-service-catalog") ?? "无",
    "（二）其他",
    ctx.state.notes.get("other-remarks") ?? "无",
  ].join("\n"),
})
