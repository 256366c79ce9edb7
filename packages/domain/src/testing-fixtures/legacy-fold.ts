/**
 * The fold as it was before it became linear: copies its maps on every event (quadratic), kept
 * verbatim as the reference the property tests compare the linear fold with (plus the year links:
 * `sourceLineId`, `carriedIn` and `YearEndClosed`, written the same copying way).
 *
 * @module testing-fixtures/legacy-fold
 */
import { Result } from "effect"
import { carriedKey, initialState } from "../BudgetState.ts"
import { evolveFacts } from "../DisclosureFacts.ts"
import type * as E from "../BudgetEvent.ts"
import type { BudgetLine } from "../BudgetLine.ts"
import * as Money from "../Money.ts"

import type { BudgetState, Contribution, EventRef, LineState } from "../BudgetState.ts"

/** An amount as Money, or undefined for a string no decoded event can carry: evolve must never throw. */
const amountOf = (s: string): Money.Money | undefined => {
  const r = Money.parse(s)
  return Result.isSuccess(r) ? r.success : undefined
}

const withEntry = <K, V>(m: ReadonlyMap<K, V>, k: K, v: V): ReadonlyMap<K, V> => new Map(m).set(k, v)

const addLine = (
  state: BudgetState,
  line: BudgetLine,
  vintage: LineState["vintage"],
  originYear: number | undefined,
  contribution: Contribution,
  sourceLineId?: string,
): BudgetState => {
  if (state.lines.has(line.lineId)) return state // decide rejects duplicates; evolve stays total
  const amount = amountOf(line.amount)
  if (amount === undefined) return state
  return {
    ...state,
    lines: withEntry(state.lines, line.lineId, {
      line,
      vintage,
      originYear,
      ...(sourceLineId === undefined ? {} : { sourceLineId }),
      amount,
      contributions: [contribution],
    }),
  }
}

const changeLine = (state: BudgetState, lineId: string, delta: Money.Money, c: Contribution): BudgetState => {
  const current = state.lines.get(lineId)
  if (current === undefined) return state
  const amount = Money.add(current.amount, delta)
  return {
    ...state,
    lines: withEntry(state.lines, lineId, {
      ...current,
      amount,
      line: { ...current.line, amount },
      contributions: [...current.contributions, c],
    }),
  }
}

/**
 * Applies one event. Total and pure: an event `decide` would never have produced (an unknown line,
 * a duplicate id) leaves the state unchanged rather than throwing, so replay never fails.
 * @category evolve
 */
export const legacyEvolve = (state: BudgetState, event: E.BudgetEvent, ref?: EventRef): BudgetState => {
  const next = { ...state, version: state.version + 1 }
  const at: EventRef = ref ?? { version: next.version }
  switch (event.type) {
    case "AppropriationRecorded": {
      const { line, documentNumber } = event.data
      return addLine(next, line, "current", undefined, {
        ref: at,
        type: event.type,
        amount: amountOf(line.amount) ?? Money.zero,
        documentNumber,
      })
    }
    case "CarryoverRecorded": {
      const { line, originYear, documentNumber, sourceLineId } = event.data
      const added = addLine(
        next,
        line,
        "carryover",
        originYear,
        { ref: at, type: event.type, amount: amountOf(line.amount) ?? Money.zero, documentNumber },
        sourceLineId,
      )
      if (added === next || sourceLineId === undefined) return added
      const key = carriedKey(originYear, sourceLineId)
      const carried = Money.add(added.carriedIn.get(key) ?? Money.zero, amountOf(line.amount) ?? Money.zero)
      return { ...added, carriedIn: withEntry(added.carriedIn, key, carried) }
    }
    case "AdjustmentRecorded": {
      const { change, documentNumber, adjustmentId } = event.data
      const adjusted = { ...next, adjustments: new Set(next.adjustments).add(adjustmentId) }
      if (change.kind === "amount") {
        const delta = amountOf(change.delta)
        if (delta === undefined) return adjusted
        return changeLine(adjusted, change.lineId, delta, {
          ref: at,
          type: event.type,
          amount: delta,
          documentNumber,
        })
      }
      const source = adjusted.lines.get(change.fromLineId)
      const moved = amountOf(change.toLine.amount)
      // Both legs or neither: a target id already in use would otherwise shrink the source alone.
      if (source === undefined || moved === undefined || adjusted.lines.has(change.toLine.lineId))
        return adjusted
      const reduced = changeLine(adjusted, change.fromLineId, Money.negate(moved), {
        ref: at,
        type: event.type,
        amount: Money.negate(moved),
        documentNumber,
      })
      return addLine(
        reduced,
        change.toLine,
        source.vintage,
        source.originYear,
        { ref: at, type: event.type, amount: moved, documentNumber },
        source.sourceLineId,
      )
    }
    case "DepartmentProfileRecorded":
      return { ...next, profile: event.data }
    case "UnitRegistered": {
      const existing = next.units.get(event.data.unitCode)
      const order = existing?.order ?? next.units.size
      return { ...next, units: withEntry(next.units, event.data.unitCode, { ...event.data, order }) }
    }
    case "ProjectRegistered": {
      const existing = next.projects.get(event.data.projectId)
      const order = existing?.order ?? next.projects.size
      return { ...next, projects: withEntry(next.projects, event.data.projectId, { ...event.data, order }) }
    }
    case "PerformanceTargetsRecorded":
      return {
        ...next,
        performanceTargets: withEntry(next.performanceTargets, event.data.projectId, event.data),
      }
    case "UnitOverallTargetsRecorded":
      return { ...next, unitOverallTargets: new Set(next.unitOverallTargets).add(event.data.unitCode) }
    case "PriorYearBudgetRecorded":
      return { ...next, priorYear: event.data }
    case "NarrativeNoteRecorded":
      return { ...next, notes: withEntry(next.notes, event.data.topic, event.data.text) }
    case "AssetHoldingsRecorded":
      return { ...next, assets: event.data }
    case "FunctionPurposeRecorded":
    case "ItemReasonRecorded":
    case "ProcurementReservationRecorded":
    case "VehicleFleetRecorded":
    case "PlannedPurchasesRecorded":
    case "PerformanceSummaryRecorded":
    case "OrganizationBodyRecorded":
      return { ...next, facts: evolveFacts(next.facts, event) }
    case "DisclosurePublished":
      return { ...next, publications: [...next.publications, { ...event.data, ref: at }] }
    case "YearEndClosed": {
      let closing = next.closing
      for (const c of event.data.carryovers) {
        const amount = amountOf(c.amount)
        if (amount === undefined) continue
        const before = closing.get(c.lineId)
        closing = withEntry(closing, c.lineId, {
          amount: Money.add(before?.amount ?? Money.zero, amount),
          refs: before === undefined ? [at] : [...before.refs, at],
        })
      }
      return { ...next, closing }
    }
  }
}

/** Folds a sequence of events from the initial state. @category evolve */
export const legacyFold = (
  events: Iterable<{ readonly event: E.BudgetEvent; readonly ref?: EventRef | undefined }>,
  from: BudgetState = initialState,
): BudgetState => {
  let s = from
  for (const e of events) s = legacyEvolve(s, e.event, e.ref)
  return s
}
