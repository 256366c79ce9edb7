/**
 * 项目经费情况说明 and its 财政项目支出绩效目标申报表 (Shanghai district template), one per project
 * with declared targets. The texts (概述, 立项依据, 实施主体, 实施方案, uses, goals, indicators) and
 * the whole-life funds are the unit's declarations; 项目性质 and 项目类别 come from the registered
 * project; 实施周期 is the budget year; this year's money — 年度资金申请总额 and its split into
 * 当年财政拨款, 上年结转 and 其他资金 — is summed from the project's budget lines.
 *
 * @module templates/shanghai-district-9/projects
 */
import { type BudgetState, type Codes, Money } from "@ledger/domain"
import {
  all,
  carryover,
  current,
  fiscal,
  type Line,
  type LinePredicate,
} from "../../narrative/ledger-sums.ts"
import type { NarrativeSection } from "../../narrative/types.ts"
import type { PerformanceTargetTable } from "../../performance/schema.ts"
import { declaredTexts } from "../../performance/declared-texts.ts"
import { wanText } from "./wording.ts"

/** 项目性质 as the Shanghai form words it. @category formatting */
const NATURE: Record<Codes.ProjectLife, string> = {
  "one-off": "一次性项目",
  recurring: "经常性项目",
  phased: "阶段性项目",
}

/** 项目类别 as the Shanghai form words it. @category formatting */
const CATEGORY: Record<Codes.ProjectCategory, string> = {
  "specific-target": "特定目标类",
  "other-operation": "其他运转类",
}

type Project = BudgetState.ProjectState
type Targets = NonNullable<ReturnType<BudgetState.BudgetState["performanceTargets"]["get"]>>

const cents = Money.toYuanGroupedCents

/**
 * Each project's lines, in the state's order, found in one pass: summing each project's money by
 * a scan of every line was O(projects × lines), the largest cost of a big Shanghai department.
 */
const linesByProject = (state: BudgetState.BudgetState): ReadonlyMap<string, ReadonlyArray<Line>> => {
  const out = new Map<string, Array<Line>>()
  for (const l of state.lines.values()) {
    const e = l.line.expenditure
    if (e.kind !== "project") continue
    const mine = out.get(e.projectId)
    if (mine === undefined) out.set(e.projectId, [l])
    else mine.push(l)
  }
  return out
}

/** Projects with declared targets, in unit then project order. */
const declared = (state: BudgetState.BudgetState): ReadonlyArray<readonly [Project, Targets]> =>
  [...state.projects.values()]
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.projectId.localeCompare(b.projectId))
    .flatMap((p) => {
      const t = state.performanceTargets.get(p.projectId)
      return t === undefined ? [] : [[p, t] as const]
    })

/** This year's money of a project (given its lines): in total, 当年财政拨款, 上年结转 and 其他资金. */
const annual = (mine: ReadonlyArray<Line> = []) => {
  const sum = (keep: LinePredicate): Money.Money => Money.sum(mine.filter(keep).map((l) => l.amount))
  const total = sum(all)
  const currentYear = sum((l) => current(l) && fiscal(l))
  const carried = sum(carryover)
  return { total, currentYear, carried, other: Money.sub(Money.sub(total, currentYear), carried) }
}

/** One 项目经费情况说明: the seven parts the published documents print. */
const explanation = (
  state: BudgetState.BudgetState,
  lines: ReadonlyMap<string, ReadonlyArray<Line>>,
  year: number,
  p: Project,
  t: Targets,
): string => {
  const money = annual(lines.get(p.projectId)).total
  const uses = t.annualUses === undefined ? "" : `，分别用于${t.annualUses}`
  return [
    "一、项目概述",
    t.overview,
    "二、立项依据",
    t.basis,
    "三、实施主体",
    t.implementer ?? state.units.get(p.unitCode)?.name ?? "",
    "四、实施方案",
    t.plan,
    "五、实施周期",
    `${year}年1月1日-${year}年12月31日`,
    "六、年度预算安排",
    `本年度${p.name}预算金额为${wanText(money)}万元${uses}。`,
    "七、绩效目标",
    "（包括总目标、年度目标、分解目标等，具体见表格）",
  ].join("\n")
}

/** 项目经费情况说明, or undefined when no project declared targets. @category templates */
export const projectSection = (
  state: BudgetState.BudgetState,
  year: number,
): NarrativeSection | undefined => {
  const list = declared(state)
  if (list.length === 0) return undefined
  const lines = linesByProject(state)
  const text = list
    .map(([p, t]) => (list.length === 1 ? "" : `${p.name}\n`) + explanation(state, lines, year, p, t))
    .join("\n")
  return { id: "七", title: "项目经费情况说明", text }
}

/** The 财政项目支出绩效目标申报表 of every project with declared targets. @category templates */
export const projectForms = (
  state: BudgetState.BudgetState,
  year: number,
): ReadonlyArray<PerformanceTargetTable> => {
  const lines = linesByProject(state)
  return declared(state).map(([p, t]): PerformanceTargetTable => {
    const a = annual(lines.get(p.projectId))
    const life = t.implementationFunds
    const lifeFiscal = Money.sum([life.central, life.provincial, life.local].map(Money.make))
    const lifeOther = Money.add(Money.make(life.selfRaised), Money.make(life.other ?? "0"))
    const unitName = state.units.get(p.unitCode)?.name ?? ""
    const blank = { total: "", central: "", provincial: "", local: "", selfRaised: "", other: "" }
    return {
      projectId: p.projectId,
      title: "财政项目支出绩效目标申报表",
      yearLabel: `（${year}年度）`,
      projectName: p.name,
      department: t.competentDepartment ?? state.profile?.name ?? "",
      unitName: t.implementingUnit ?? unitName,
      life: NATURE[p.life],
      period: `${p.periodYears}年`,
      category: CATEGORY[p.category],
      ...(t.plannedStart === undefined ? {} : { plannedStart: t.plannedStart }),
      ...(t.plannedEnd === undefined ? {} : { plannedEnd: t.plannedEnd }),
      implementationFunds: blank,
      annualFunds: blank,
      implementationFundsYuan: blank,
      annualFundsYuan: blank,
      fundsByOrigin: {
        total: cents(Money.make(life.total)),
        fiscal: cents(lifeFiscal),
        other: cents(lifeOther),
        annualTotal: cents(a.total),
        currentYear: cents(a.currentYear),
        carryover: cents(a.carried),
        annualOther: cents(a.other),
      },
      ...declaredTexts(t),
    }
  })
}

/**
 * The 申报表 as a grid of 6 columns, laid out like the published form: project, 主管部门 and
 * 实施单位, planned dates, funds by origin (whole life, then the year), the goals, then one row per
 * indicator with its 年度(/项目)指标值.
 * @category rendering
 */
export const shanghaiPerformanceGrid = (t: PerformanceTargetTable): ReadonlyArray<ReadonlyArray<string>> => {
  const f = t.fundsByOrigin
  const period =
    t.plannedStart === undefined
      ? ""
      : `(${t.plannedStart.slice(0, 4)}年-${(t.plannedEnd ?? "").slice(0, 4)}年)`
  return [
    ["项目名称", t.projectName, "项目性质", t.life, "项目类别", t.category ?? ""],
    ["主管部门", t.department, "", "实施单位", t.unitName, ""],
    ["计划开始日期", t.plannedStart ?? "", "", "计划完成日期", t.plannedEnd ?? "", ""],
    ["项目资金（元）", "项目资金总额", f?.total ?? "", "年度资金申请总额", f?.annualTotal ?? "", ""],
    ["", "其中：财政资金", f?.fiscal ?? "", "其中：当年财政拨款", f?.currentYear ?? "", ""],
    ["", "", "", "上年结转资金", f?.carryover ?? "", ""],
    ["", "其他资金", f?.other ?? "", "其他资金", f?.annualOther ?? "", ""],
    ["项目绩效目标", `项目总体目标${period}`, t.implementationGoal, "年度总体目标", t.annualGoal, ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度(/项目)指标值", ""],
    ...t.indicators.map((x) => ["", x.level1, x.level2, x.level3, x.value, ""]),
  ]
}
