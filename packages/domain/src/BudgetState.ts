/**
 * The state of a department-year budget stream, and `evolve`, the one pure fold that builds it.
 * Projections fold the same events with the same function, so what the aggregate checks and what a
 * disclosure prints can never disagree. Each line remembers which events made its amount, which is
 * what lets any printed cell be traced back to events.
 *
 * @module BudgetState
 */
import { Result } from "effect"
import type * as E from "./BudgetEvent.ts"
import type { BudgetLine } from "./BudgetLine.ts"
import * as Money from "./Money.ts"

type Data<T extends { readonly data: unknown }> = T["data"]

/** Where an event sits in the log: enough to name it in an audit trail. @category models */
export interface EventRef {
  readonly version: number
  readonly position?: number | undefined
  readonly eventId?: string | undefined
  readonly occurredAt?: string | undefined
}

/** One change to a line's amount, with the event that made it. @category models */
export interface Contribution {
  readonly ref: EventRef
  readonly type: "AppropriationRecorded" | "CarryoverRecorded" | "AdjustmentRecorded"
  readonly amount: Money.Money
  readonly documentNumber?: string | undefined
}

/** A budget line as it stands: its dimensions, vintage, current amount and the events behind it. @category models */
export interface LineState {
  readonly line: BudgetLine
  readonly vintage: "current" | "carryover"
  readonly originYear?: number | undefined
  readonly amount: Money.Money
  readonly contributions: ReadonlyArray<Contribution>
}

/** A unit with the order it was registered in (tables list units in that order). @category models */
export type UnitState = Data<typeof E.UnitRegistered.Type> & { readonly order: number }
/** A project with its registration order. @category models */
export type ProjectState = Data<typeof E.ProjectRegistered.Type> & { readonly order: number }

/** Everything a department-year stream has said so far. @category models */
export interface BudgetState {
  readonly version: number
  readonly profile: Data<typeof E.DepartmentProfileRecorded.Type> | undefined
  readonly units: ReadonlyMap<string, UnitState>
  readonly projects: ReadonlyMap<string, ProjectState>
  readonly lines: ReadonlyMap<string, LineState>
  readonly performanceTargets: ReadonlyMap<string, Data<typeof E.PerformanceTargetsRecorded.Type>>
  readonly unitOverallTargets: ReadonlySet<string>
  readonly priorYear: Data<typeof E.PriorYearBudgetRecorded.Type> | undefined
  readonly notes: ReadonlyMap<string, string>
  readonly assets: Data<typeof E.AssetHoldingsRecorded.Type> | undefined
  readonly adjustments: ReadonlySet<string>
  readonly publications: ReadonlyArray<Data<typeof E.DisclosurePublished.Type> & { readonly ref: EventRef }>
}

/** The state before the first event. @category constructors */
export const initialState: BudgetState = {
  version: 0,
  profile: undefined,
  units: new Map(),
  projects: new Map(),
  lines: new Map(),
  performanceTargets: new Map(),
  unitOverallTargets: new Set(),
  priorYear: undefined,
  notes: new Map(),
  assets: undefined,
  adjustments: new Set(),
  publications: [],
}

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
export const evolve = (state: BudgetState, event: E.BudgetEvent, ref?: EventRef): BudgetState => {
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
      const { line, originYear, documentNumber } = event.data
      return addLine(next, line, "carryover", originYear, {
        ref: at,
        type: event.type,
        amount: amountOf(line.amount) ?? Money.zero,
        documentNumber,
      })
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
      return addLine(reduced, change.toLine, source.vintage, source.originYear, {
        ref: at,
        type: event.type,
        amount: moved,
        documentNumber,
      })
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
    case "DisclosurePublished":
      return { ...next, publications: [...next.publications, { ...event.data, ref: at }] }
  }
}

/** Folds a sequence of events from the initial state. @category evolve */
export const fold = (
  events: Iterable<{ readonly event: E.BudgetEvent; readonly ref?: EventRef | undefined }>,
  from: BudgetState = initialState,
): BudgetState => {
  let s = from
  for (const e of events) s = evolve(s, e.event, e.ref)
  return s
}
