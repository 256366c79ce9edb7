/**
 * Sections 一 to 四 of 情况说明: totals, income by source, basic against project spending and the
 * 财政拨款 budget. Sentence patterns are the Shanxi template's; every figure comes from the lines
 * and every reason from a narrative-note event.
 *
 * @module narrative/sections-budget
 */
import { Codes, Money } from "@ledger/domain"
import { Result } from "effect"
import {
  all,
  basic,
  both,
  carryover,
  current,
  fiscal,
  functionClass,
  project,
  source,
  sumBy,
  sumLines,
} from "./ledger-sums.ts"
import type { NarrativeSection, SectionContext } from "./types.ts"
import { change, reason, share, wan } from "./wording.ts"
import { SHANXI_SOURCE_COLUMNS } from "../tables/source-columns.ts"

const priorChange = (now: string, prior: Money.Money | undefined): string =>
  prior === undefined ? "" : `，${change(now, wan(prior))}`

/** 一、部门预算收支数据变动情况及原因: 收入总计 and 支出总计 against last year's budget. @category projections */
export const sectionOne = (ctx: SectionContext): NarrativeSection => {
  const { state } = ctx
  const total = wan(sumLines(state, all))
  const cur = wan(sumLines(state, current))
  const co = wan(sumLines(state, carryover))
  const income =
    `${ctx.year}年度${ctx.department}预算收入总计${total}万元，其中：本年收入${cur}万元，上年结转${co}万元` +
    priorChange(total, state.priorYear && Money.make(state.priorYear.incomeTotal)) +
    reason("主要原因是", state.notes.get("income-change"))
  const spending =
    `本年部门预算支出总计${total}万元，其中：本年预算安排${cur}万元，上年结转${co}万元` +
    priorChange(total, state.priorYear && Money.make(state.priorYear.expenditureTotal)) +
    reason("主要原因是", state.notes.get("expenditure-change"))
  return { id: "一", title: "部门预算收支数据变动情况及原因", text: `${income}；${spending}。` }
}

const INCOME_WORDS: Partial<Record<Codes.FundingSource, string>> = {
  "general-budget": "拨款收入",
  "government-fund": "拨款收入",
  "state-capital": "拨款收入",
  "special-account": "收入",
  "unit-funds": "",
}

/** 二、收入预算情况说明: each funding source and the carryover as a share of 收入总计. @category projections */
export const sectionTwo = (ctx: SectionContext): NarrativeSection => {
  const { state, taxonomy } = ctx
  const total = wan(sumLines(state, all))
  const parts = SHANXI_SOURCE_COLUMNS.map(({ key, sources }) => {
    const amount = wan(
      sumLines(
        state,
        both(current, (l) => sources.includes(l.line.fundingSource)),
      ),
    )
    return `${taxonomy.fundingSourceName(key)}${INCOME_WORDS[key] ?? ""}${amount}万元，占${share(amount, total)}%`
  })
  const co = wan(sumLines(state, carryover))
  parts.push(`上年结转${co}万元，占${share(co, total)}%`)
  return {
    id: "二",
    title: "收入预算情况说明",
    text: `${ctx.year}年度${ctx.department}预算收入${total}万元，主要包括${parts.join("；")}。`,
  }
}

/** 三、支出预算情况说明: 基本支出 and 项目支出 (carryover included) as shares of 支出总计. @category projections */
export const sectionThree = (ctx: SectionContext): NarrativeSection => {
  const { state } = ctx
  const total = wan(sumLines(state, all))
  const b = wan(sumLines(state, basic))
  const p = wan(sumLines(state, project))
  return {
    id: "三",
    title: "支出预算情况说明",
    text:
      `${ctx.year}年度${ctx.department}支出预算${total}万元，其中：基本支出${b}万元，占${share(b, total)}%；` +
      `项目支出${p}万元，占${share(p, total)}%。`,
  }
}

/** The name of a function class, or its code when the year's taxonomy lacks it. @category projections */
export const className = (ctx: SectionContext, code: string): string => {
  const r = ctx.taxonomy.functionName(code)
  return Result.isSuccess(r) ? r.success : code
}

/**
 * 四、财政拨款收支预算总体情况说明, from the 财政拨款 lines (table 4). The reference document prints
 * zeros here (domain.md §5.2 no. 1); the ledger states what table 4 must hold.
 * @category projections
 */
export const sectionFour = (ctx: SectionContext): NarrativeSection => {
  const { state } = ctx
  const total = wan(sumLines(state, fiscal))
  const bySource = Codes.FISCAL_APPROPRIATION_SOURCES.map(
    (s) => `${ctx.taxonomy.fundingSourceName(s)}拨款${wan(sumLines(state, source(s)))}万元`,
  )
  const cur = wan(sumLines(state, both(fiscal, current)))
  const co = wan(sumLines(state, both(fiscal, carryover)))
  const classes = sumBy(state, fiscal, functionClass)
    .filter(([, amount]) => !Money.isZero(amount))
    .map(([code, amount]) => `${className(ctx, code)}${wan(amount)}万元`)
  return {
    id: "四",
    title: "财政拨款收支预算总体情况说明",
    text:
      `${ctx.year}年度${ctx.department}财政拨款收支总预算${total}万元。其中：${bySource.join("，")}。` +
      `其中：当年拨款收入${cur}万元，上年结转收入${co}万元。支出包括：${classes.length === 0 ? "无" : classes.join("，")}。`,
  }
}
