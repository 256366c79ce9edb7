/**
 * Sums of budget lines for the narrative, in 元. Each sentence names its own selection (which
 * sources, which vintage, basic or project) here rather than re-reading printed tables, and the
 * golden test proves the results agree with the published tables.
 *
 * @module narrative/ledger-sums
 */
import { type BudgetState, Codes, Money } from "@ledger/domain"

/** A budget line as it stands in the folded state. @category models */
export type Line = BudgetState.LineState

/** Which lines a figure counts. @category models */
export type LinePredicate = (line: Line) => boolean

/** Σ amounts of the lines the predicate keeps. @category projections */
export const sumLines = (state: BudgetState.BudgetState, keep: LinePredicate): Money.Money => {
  const picked: Array<Money.Money> = []
  for (const l of state.lines.values()) if (keep(l)) picked.push(l.amount)
  return Money.sum(picked)
}

/** Σ amounts by a key, keys sorted ascending (codes sort in table order). @category projections */
export const sumBy = (
  state: BudgetState.BudgetState,
  keep: LinePredicate,
  key: (line: Line) => string,
): ReadonlyArray<readonly [string, Money.Money]> => {
  const acc = new Map<string, Array<Money.Money>>()
  for (const l of state.lines.values()) {
    if (!keep(l)) continue
    const k = key(l)
    const list = acc.get(k)
    if (list === undefined) acc.set(k, [l.amount])
    else list.push(l.amount)
  }
  return [...acc.keys()].sort().map((k) => [k, Money.sum(acc.get(k) ?? [])] as const)
}

/** Every line. @category projections */
export const all: LinePredicate = () => true
/** 当年 (current-year) lines. @category projections */
export const current: LinePredicate = (l) => l.vintage === "current"
/** 上年结转 lines. @category projections */
export const carryover: LinePredicate = (l) => l.vintage === "carryover"
/** 财政拨款: 一般公共预算, 政府性基金预算 and 国有资本经营预算. @category projections */
export const fiscal: LinePredicate = (l) => Codes.FISCAL_APPROPRIATION_SOURCES.includes(l.line.fundingSource)
/** Lines of one funding source. @category projections */
export const source =
  (s: Codes.FundingSource): LinePredicate =>
  (l) =>
    l.line.fundingSource === s
/** 基本支出 lines. @category projections */
export const basic: LinePredicate = (l) => l.line.expenditure.kind === "basic"
/** 项目支出 lines. @category projections */
export const project: LinePredicate = (l) => l.line.expenditure.kind === "project"

/** The project of a 项目支出 line ("" for a basic line, which no project id equals). @category projections */
export const projectOf = (l: Line): string =>
  l.line.expenditure.kind === "project" ? l.line.expenditure.projectId : ""

/** Lines every given predicate keeps. @category projections */
export const both =
  (...ps: ReadonlyArray<LinePredicate>): LinePredicate =>
  (l) =>
    ps.every((p) => p(l))

/** The 3-digit function class (类) of a line. @category projections */
export const functionClass = (l: Line): string => l.line.functionCode.slice(0, 3)
