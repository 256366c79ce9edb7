/**
 * A disclosure among the years of its department: year N's document compares with year N−1's
 * publication as the ledger held it at N's as-of point (the latest `DisclosurePublished` of N−1
 * at or before the last event N's document includes), so rebuilding "as published" later gives
 * the same bytes even if N−1 is published again afterwards. Pure: the caller loads the streams.
 *
 * @module years/ledger-years
 */
import { Result } from "effect"
import { selectEvents, type AsOf } from "../as-of.ts"
import { type DisclosureError, foldLogged, projectDisclosure, type Replayed } from "../disclosure.ts"
import type { Disclosure } from "../disclosure-schema.ts"
import type { LoggedEvent } from "../logged-event.ts"
import type { PriorYearPublication } from "./prior-year.ts"

/** The streams of one department by fiscal year, each in log order. @category models */
export type DepartmentYears = ReadonlyMap<number, ReadonlyArray<LoggedEvent>>

/**
 * Year `year`'s publication as the ledger held it at global position `cut`, or undefined when
 * there was none (or it cannot be built).
 * @category projections
 */
export const publicationAt = (
  years: DepartmentYears,
  year: number,
  cut: number,
): PriorYearPublication | undefined => {
  const upTo = (years.get(year) ?? []).filter((e) => e.meta.position <= cut)
  if (!upTo.some((e) => e.event.type === "DisclosurePublished")) return undefined
  const doc = buildYearDisclosure(new Map([...years, [year, upTo]]), year, { _tag: "Published" })
  const selected = selectEvents(upTo, { _tag: "Published" })
  if (Result.isFailure(doc) || Result.isFailure(selected)) return undefined
  return { year, documentHash: doc.success.documentHash, state: foldLogged(selected.success) }
}

/**
 * One replay of year `year` of a department as of `asOf` (select once, fold once, project once),
 * its prior-year figures from year−1's publication when the ledger holds one at that point: the
 * cut is the last event the selection includes, so a later publication of year−1 never changes it.
 * @category projections
 */
export const replayYear = (
  years: DepartmentYears,
  year: number,
  asOf: AsOf,
): Result.Result<Replayed, DisclosureError> => {
  const selected = selectEvents(years.get(year) ?? [], asOf)
  if (Result.isFailure(selected)) return Result.fail(selected.failure)
  const events = selected.success
  const last = events[events.length - 1]
  const priorYear = last === undefined ? undefined : publicationAt(years, year - 1, last.meta.position)
  const state = foldLogged(events)
  return Result.map(projectDisclosure(events, state, asOf, { priorYear }), (disclosure) => ({
    asOf,
    events,
    state,
    disclosure,
  }))
}

/**
 * Builds year `year` of a department as of `asOf`, its prior-year figures from year−1's
 * publication when the ledger holds one at that point.
 * @category projections
 */
export const buildYearDisclosure = (
  years: DepartmentYears,
  year: number,
  asOf: AsOf,
): Result.Result<Disclosure, DisclosureError> =>
  Result.map(replayYear(years, year, asOf), (r) => r.disclosure)
