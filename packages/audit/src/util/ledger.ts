/**
 * Sums of ledger lines in 万元, rounded once from exact 元 — the way a projection prints a cell — so
 * rules can compare a printed cell with what the ledger says.
 *
 * @module ledger
 */
import { type BudgetState, Codes, Money } from "@ledger/domain"

/** A ledger line as the state holds it. @category models */
export type Line = BudgetState.LineState

/** Lines of the state (none without a state). @category views */
export const lines = (state: BudgetState.BudgetState | undefined): ReadonlyArray<Line> => [
  ...(state?.lines.values() ?? []),
]

/**
 * The lines of this year's budget, without carryovers: what the Shanghai template prints (its
 * tables and narrative select `vintage: "current"`), so its identities compare like with like.
 * @category views
 */
export const currentLines = (state: BudgetState.BudgetState | undefined): ReadonlyArray<Line> =>
  lines(state).filter((l) => l.vintage === "current")

/** Σ amounts of the lines that satisfy `p`, in 万元 rounded half-up. @category views */
export const wanOf = (ls: ReadonlyArray<Line>, p: (l: Line) => boolean = () => true): Money.Money =>
  Money.make(Money.toWan(Money.sum(ls.filter(p).map((l) => l.amount))))

/** Σ amounts in 元. @category views */
export const yuanOf = (ls: ReadonlyArray<Line>, p: (l: Line) => boolean = () => true): Money.Money =>
  Money.sum(ls.filter(p).map((l) => l.amount))

/** True for a 财政拨款 line (一般公共预算, 政府性基金预算, 国有资本经营预算: the domain's one list). @category views */
export const isFiscal = (l: Line): boolean =>
  Codes.FISCAL_APPROPRIATION_SOURCES.includes(l.line.fundingSource)
