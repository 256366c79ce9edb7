/**
 * Aggregation over the lines of a folded budget state: every table cell is "the sum of the lines
 * that match a filter", kept in 元 and rounded to 万元 only when printed. Each sum keeps the ids of
 * the lines behind it, which is what lets the API trace a cell back to its events.
 *
 * @module ledger
 */
import { Codes, Money, type BudgetState } from "@ledger/domain"
import { candidates } from "./line-index.ts"

/** A line as the projections see it. @category models */
export type Line = BudgetState.LineState

/** A filter over lines; every given field must match. @category models */
export interface LineFilter {
  readonly vintage?: Line["vintage"]
  readonly sources?: ReadonlyArray<Codes.FundingSource>
  readonly kind?: "basic" | "project"
  readonly category?: Codes.BasicCategory
  readonly unit?: string
  readonly units?: ReadonlySet<string>
  readonly project?: string
  readonly functionPrefix?: string
  readonly deptEconomicPrefix?: string
  readonly threePublic?: Codes.ThreePublicCategory
}

/** The funding sources of 财政拨款. @category models */
export const FISCAL: ReadonlyArray<Codes.FundingSource> = Codes.FISCAL_APPROPRIATION_SOURCES

const matches = (l: Line, f: LineFilter): boolean => {
  const { line } = l
  const e = line.expenditure
  if (f.vintage !== undefined && l.vintage !== f.vintage) return false
  if (f.sources !== undefined && !f.sources.includes(line.fundingSource)) return false
  if (f.kind !== undefined && e.kind !== f.kind) return false
  if (f.category !== undefined && (e.kind !== "basic" || e.category !== f.category)) return false
  if (f.unit !== undefined && line.unitCode !== f.unit) return false
  if (f.units !== undefined && !f.units.has(line.unitCode)) return false
  if (f.project !== undefined && (e.kind !== "project" || e.projectId !== f.project)) return false
  if (f.functionPrefix !== undefined && !line.functionCode.startsWith(f.functionPrefix)) return false
  if (f.deptEconomicPrefix !== undefined && !(e.deptEconomicCode ?? "").startsWith(f.deptEconomicPrefix))
    return false
  if (f.threePublic !== undefined && line.threePublic !== f.threePublic) return false
  return true
}

/**
 * The lines matching every filter given (filters are combined with AND), in the order given. An
 * array asked more than once is indexed by its identity (see `line-index.ts`), so it must not be
 * changed after it was first passed here — as a `ReadonlyArray` of lines never is.
 * @category projections
 */
export const select = (
  lines: ReadonlyArray<Line>,
  ...filters: ReadonlyArray<LineFilter>
): ReadonlyArray<Line> => {
  // plain loops: tables call this thousands of times per build, closures per call showed in profiles
  const out: Array<Line> = []
  next: for (const l of candidates(lines, filters) ?? lines) {
    for (const f of filters) if (!matches(l, f)) continue next
    out.push(l)
  }
  return out
}

/** A sum in 元 with the ids of the lines that make it (zero lines included: they are still provenance). @category models */
export interface Total {
  readonly amount: Money.Money
  readonly lineIds: ReadonlyArray<string>
}

/** Σ of the lines' current amounts, exact in 元. @category projections */
export const total = (lines: ReadonlyArray<Line>): Total => {
  const amounts: Array<Money.Money> = new Array<Money.Money>(lines.length)
  const lineIds: Array<string> = new Array<string>(lines.length)
  // lines usually arrive in line-id order already (see linesOf); sort only when they do not
  let sorted = true
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as Line
    amounts[i] = l.amount
    lineIds[i] = l.line.lineId
    if (i > 0 && (lineIds[i - 1] as string) > l.line.lineId) sorted = false
  }
  return { amount: Money.sum(amounts), lineIds: sorted ? lineIds : lineIds.sort() }
}

/** Σ of the lines' current amounts, without the provenance. */
const amountOf = (lines: ReadonlyArray<Line>): Money.Money => {
  const amounts: Array<Money.Money> = new Array<Money.Money>(lines.length)
  for (let i = 0; i < lines.length; i++) amounts[i] = (lines[i] as Line).amount
  return Money.sum(amounts)
}

/** True when the lines sum to something a table would print (non-zero once rounded to 万元). @category projections */
export const hasData = (lines: ReadonlyArray<Line>): boolean => Money.toWanCell(amountOf(lines)) !== ""

/** The lines of a state in a stable order (by line id), independent of event order. @category projections */
export const linesOf = (state: BudgetState.BudgetState): ReadonlyArray<Line> =>
  [...state.lines.values()].sort((a, b) =>
    a.line.lineId < b.line.lineId ? -1 : a.line.lineId > b.line.lineId ? 1 : 0,
  )

/** The distinct values of a key over lines, sorted. @category projections */
export const distinct = (
  lines: ReadonlyArray<Line>,
  key: (l: Line) => string | undefined,
): ReadonlyArray<string> => [...new Set(lines.map(key).filter((k): k is string => k !== undefined))].sort()
