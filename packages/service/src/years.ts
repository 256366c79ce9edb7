/**
 * Which other years of its department a batch must be checked against: the origin years its
 * linked carryovers name, and the next year when it closes a year (年终结转). `decide` cannot read
 * other streams, so the service loads exactly these states and hands them over.
 *
 * @module
 */
import type { BudgetEvent } from "@ledger/domain"

/** The years (other than `year`) whose state the rules of these events read. */
export const yearsNeeded = (
  year: number,
  events: ReadonlyArray<BudgetEvent.BudgetEvent>,
): ReadonlyArray<number> => {
  const years = new Set<number>()
  for (const e of events) {
    if (e.type === "CarryoverRecorded" && e.data.sourceLineId !== undefined && e.data.originYear !== year)
      years.add(e.data.originYear)
    if (e.type === "YearEndClosed") years.add(year + 1)
  }
  return [...years].sort((a, b) => a - b)
}
