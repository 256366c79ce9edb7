/**
 * The rules that link the years of a department: a 年终结转 (`YearEndClosed`) of year N may carry at
 * most what each line holds, and a carryover of year N+1 that names its origin line may carry at
 * most what that close left. A stream cannot see another stream, so the caller (the service) hands
 * `decide` the states of the neighbouring years in {@link YearsContext}; the rules stay pure.
 *
 * @module decide-years
 */
import { Result } from "effect"
import type * as E from "./BudgetEvent.ts"
import { type BudgetState, carriedKey } from "./BudgetState.ts"
import { lineFields } from "./internal/LineStore.ts"
import * as Err from "./Errors.ts"
import * as Money from "./Money.ts"

/**
 * The other years of the same department, as the ledger holds them: year → folded state. A year
 * the ledger does not hold is absent; a carryover from it cannot be checked and is taken as stated
 * (the ledger may start after its origin year).
 * @category models
 */
export type YearsContext = ReadonlyMap<number, BudgetState>

type Check = Result.Result<void, Err.DomainError>
const ok: Check = Result.void

/**
 * A carryover naming `sourceLineId` must name a line of `originYear`, and together with what this
 * stream already carried from that line stay within the origin's 年终结转.
 * @category decide
 */
export const checkCarryoverLink = (
  data: (E.BudgetEvent & { readonly type: "CarryoverRecorded" })["data"],
  state: BudgetState,
  years: YearsContext | undefined,
): Check => {
  const { sourceLineId, originYear, line } = data
  if (sourceLineId === undefined) return ok
  const origin = years?.get(originYear)
  if (origin === undefined) return ok
  const source = lineFields(origin, sourceLineId)
  if (source === undefined) {
    return Result.fail(
      new Err.UnknownOriginLine({ path: "data.sourceLineId", originYear, lineId: sourceLineId }),
    )
  }
  if (source.line.fundingSource !== line.fundingSource) {
    return Result.fail(
      new Err.FundingSourceMismatch({
        path: "data.line.fundingSource",
        fundingSource: line.fundingSource,
        expected: [source.line.fundingSource],
      }),
    )
  }
  const closed = origin.closing.get(sourceLineId)?.amount ?? Money.zero
  const already = state.carriedIn.get(carriedKey(originYear, sourceLineId)) ?? Money.zero
  const available = Money.sub(closed, already)
  const amount = Money.make(line.amount)
  return Money.compare(amount, available) > 0
    ? Result.fail(
        new Err.CarryoverExceedsOrigin({
          path: "data.line.amount",
          originYear,
          lineId: sourceLineId,
          available: Money.isNegative(available) ? Money.zero : available,
          amount,
        }),
      )
    : ok
}

/**
 * Each line a 年终结转 names must exist in this year and hold what is carried out of it (earlier
 * closes included); when the next year is in the ledger, a line must not close below what the next
 * year already carried from it.
 * @category decide
 */
export const checkYearEnd = (
  data: (E.BudgetEvent & { readonly type: "YearEndClosed" })["data"],
  state: BudgetState,
  streamYear: number,
  years: YearsContext | undefined,
): Check => {
  const running = new Map<string, Money.Money>()
  for (const [i, c] of data.carryovers.entries()) {
    const path = `data.carryovers[${i}]`
    const line = lineFields(state, c.lineId)
    if (line === undefined)
      return Result.fail(new Err.UnknownLine({ path: `${path}.lineId`, lineId: c.lineId }))
    const amount = Money.parse(c.amount)
    if (Result.isFailure(amount))
      return Result.fail(new Err.MalformedAmount({ path: `${path}.amount`, amount: c.amount }))
    if (!Money.isPositive(amount.success))
      return Result.fail(new Err.NonPositiveAmount({ path: `${path}.amount`, amount: c.amount }))
    const before = running.get(c.lineId) ?? state.closing.get(c.lineId)?.amount ?? Money.zero
    const total = Money.add(before, amount.success)
    if (Money.compare(total, line.amount) > 0) {
      return Result.fail(
        new Err.YearEndCloseExceedsLine({
          path: `${path}.amount`,
          lineId: c.lineId,
          available: Money.sub(line.amount, before),
          amount: amount.success,
        }),
      )
    }
    running.set(c.lineId, total)
  }
  const next = years?.get(streamYear + 1)
  if (next === undefined) return ok
  for (const [i, c] of data.carryovers.entries()) {
    const carried = next.carriedIn.get(carriedKey(streamYear, c.lineId))
    const total = running.get(c.lineId)
    if (carried !== undefined && total !== undefined && Money.compare(total, carried) < 0) {
      return Result.fail(
        new Err.YearEndCloseBelowCarried({
          path: `data.carryovers[${i}].amount`,
          lineId: c.lineId,
          carried,
          amount: total,
        }),
      )
    }
  }
  return ok
}
