/**
 * 部门预算编制说明 of the Shanghai district template: income by source and spending by budget against
 * last year's budget, the reason for the change of 财政拨款, then every functional 项 of 财政拨款
 * spending as "“…（类）…（款）…（项）”X万元，主要用于…" with the purpose the department recorded.
 * A figure of last year that was not recorded gets no comparison.
 *
 * @module templates/shanghai-district-9/narrative-budget
 */
import { Codes, Money, type BudgetState, type Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { both, current, fiscal, source, sumBy, sumLines } from "../../narrative/ledger-sums.ts"
import type { NarrativeSection } from "../../narrative/types.ts"
import { SHANGHAI_INCOME } from "./sources.ts"
import { versus, wanText } from "./wording.ts"

const name = (r: Result.Result<string, unknown>, code: string): string =>
  Result.isSuccess(r) ? r.success : code

const BUDGET_WORDS: Record<string, string> = {
  "general-budget": "一般公共预算拨款",
  "government-fund": "政府性基金拨款",
  "state-capital": "国有资本经营预算拨款",
}

/** 四、部门预算编制说明. @category projections */
export const budgetSection = (
  state: BudgetState.BudgetState,
  year: number,
  taxonomy: Taxonomy.Taxonomy,
): NarrativeSection => {
  const dept = state.profile?.name ?? ""
  const prior = state.priorYear
  const py = prior?.year
  const cur = (keep: (l: BudgetState.LineState) => boolean) => sumLines(state, both(current, keep))
  const total = cur(() => true)
  const fiscalNow = cur(fiscal)
  const priorFiscal =
    prior?.fiscalBySource === undefined
      ? undefined
      : Money.sum(
          [
            prior.fiscalBySource.generalBudget,
            prior.fiscalBySource.governmentFund,
            prior.fiscalBySource.stateCapital,
          ].map((a) => Money.make(a)),
        )
  const withChange = (words: string, now: Money.Money, before: string | undefined) => {
    const c = versus(now, before, py)
    return `${words}${wanText(now)}万元${c === "" ? "" : `，${c}`}`
  }
  const [fiscalColumn, ...others] = SHANGHAI_INCOME
  const income =
    `${year}年，${dept}收入预算${wanText(total)}万元，其中：` +
    [
      withChange(fiscalColumn?.label ?? "", fiscalNow, priorFiscal),
      ...others.map((c) => `${c.label}${wanText(cur((l) => c.sources.includes(l.line.fundingSource)))}万元`),
    ].join("；") +
    "。"
  const bySource = prior?.fiscalBySource
  const priorOf: Record<string, string | undefined> = {
    "general-budget": bySource?.generalBudget,
    "government-fund": bySource?.governmentFund,
    "state-capital": bySource?.stateCapital,
  }
  const spending =
    `支出预算${wanText(total)}万元，其中：${withChange("财政拨款支出预算", fiscalNow, priorFiscal)}。财政拨款支出预算中，` +
    Codes.FISCAL_APPROPRIATION_SOURCES.map((s) =>
      withChange(`${BUDGET_WORDS[s] ?? s}支出预算`, cur(source(s)), priorOf[s]),
    ).join("；") +
    "。"
  const why = state.facts.reasons.get("fiscal-appropriation-change")
  const direction =
    priorFiscal === undefined
      ? undefined
      : Money.compare(Money.make(Money.toWan(fiscalNow)), Money.make(Money.toWan(priorFiscal)))
  const reasonText =
    why === undefined || direction === undefined || direction === 0
      ? []
      : [`财政拨款收入支出${direction < 0 ? "减少" : "增加"}的主要原因是${why}。`]
  const items = sumBy(state, both(current, fiscal), (l) => l.line.functionCode)
    .filter(([, a]) => !Money.isZero(a))
    .map(([code, a], i) => {
      const purpose = state.facts.purposes.get(code)
      const label =
        `${name(taxonomy.functionName(code.slice(0, 3)), code)}（类）` +
        `${name(taxonomy.functionName(code.slice(0, 5)), code)}（款）` +
        `${name(taxonomy.functionName(code), code)}（项）`
      return `${i + 1}. “${label}”${wanText(a)}万元${purpose === undefined ? "" : `，主要用于${purpose}`}。`
    })
  return {
    id: "四",
    title: `${year}年部门预算编制说明`,
    text: [
      income,
      spending,
      ...reasonText,
      ...(items.length === 0 ? [] : ["财政拨款支出主要内容如下：", ...items]),
    ].join("\n"),
  }
}
