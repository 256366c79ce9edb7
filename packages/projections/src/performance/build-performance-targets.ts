/**
 * One 项目支出绩效目标表 per project that has recorded targets, in table 12's order (unit code, then
 * project id). The figures are the unit's declarations as recorded; nothing is recomputed here, so
 * a declaration that disagrees with the budget (domain.md §5.2 no. 7) shows as declared and the
 * audit rules (R15) flag it.
 *
 * @module performance/build-performance-targets
 */
import { type BudgetEvent, type BudgetState, type Codes, Money } from "@ledger/domain"
import type { FundsYuan, PerformanceTargetTable, PrintedFunds } from "./schema.ts"
import { declaredTexts } from "./declared-texts.ts"

/** What the performance tables are built from. @category models */
export interface PerformanceInput {
  readonly state: BudgetState.BudgetState
  readonly year: number
}

type Funds = typeof BudgetEvent.FundsBySource.Type

/** A text of an optional amount, "" when there is none. */
type Print = (a: string | undefined) => string

/**
 * `print` for one build, remembering its answers: a department's forms repeat the same few amounts
 * ("0" in most columns), and printing one parses it and formats it through decimal.js.
 */
const remembering = (print: (a: string) => string): Print => {
  const seen = new Map<string, string>()
  return (a) => {
    if (a === undefined) return ""
    let text = seen.get(a)
    if (text === undefined) {
      text = print(a)
      seen.set(a, text)
    }
    return text
  }
}

const printFunds = (f: Funds, yuan: Print): PrintedFunds => ({
  total: yuan(f.total),
  central: yuan(f.central),
  provincial: yuan(f.provincial),
  local: yuan(f.local),
  selfRaised: yuan(f.selfRaised),
  other: yuan(f.other),
})

const yuanFunds = (f: Funds, amount: Print): FundsYuan => ({
  total: amount(f.total),
  central: amount(f.central),
  provincial: amount(f.provincial),
  local: amount(f.local),
  selfRaised: amount(f.selfRaised),
  other: amount(f.other),
})

const LIFE: Record<Codes.ProjectLife, (years: number) => string> = {
  "one-off": (n) => `一次性项目(${n}年结束)`,
  recurring: () => "经常性项目",
  phased: (n) => `阶段性项目(${n}年)`,
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The form's level line for a region: "屯留区县(区)级" as the county form prints it for a 区, but
 * "示例县级" for a 县 (never "示例县县(区)级"), and "县(区)级" alone when no region is recorded.
 */
export const levelOf = (region: string): string =>
  region.endsWith("县") ? `${region}级` : `${region}县(区)级`

/**
 * Builds the tables. A project whose unit or targets are missing is skipped: a table without
 * them would print empty headings.
 * @category projections
 */
export const buildPerformanceTargets = ({
  state,
  year,
}: PerformanceInput): ReadonlyArray<PerformanceTargetTable> => {
  const profile = state.profile
  const region = profile?.regionName ?? ""
  const department = profile === undefined ? "" : `${profile.departmentCode}-${profile.name}`
  const yuan = remembering((a) => Money.toYuanGrouped(Money.make(a)))
  const amount = remembering(Money.make)
  return [...state.projects.values()]
    .sort((a, b) => byCode(a.unitCode, b.unitCode) || byCode(a.projectId, b.projectId))
    .flatMap((p) => {
      const t = state.performanceTargets.get(p.projectId)
      const unit = state.units.get(p.unitCode)
      if (t === undefined || unit === undefined) return []
      const table: PerformanceTargetTable = {
        projectId: p.projectId,
        title: `${levelOf(region)}预算部门(单位)项目支出绩效目标表`,
        yearLabel: `(${year}年度)`,
        projectName: p.name,
        department,
        unitName: unit.name,
        life: LIFE[p.life](p.periodYears),
        period: `${p.periodYears}年`,
        implementationFunds: printFunds(t.implementationFunds, yuan),
        annualFunds: printFunds(t.annualFunds, yuan),
        implementationFundsYuan: yuanFunds(t.implementationFunds, amount),
        annualFundsYuan: yuanFunds(t.annualFunds, amount),
        ...declaredTexts(t),
      }
      return [table]
    })
}
