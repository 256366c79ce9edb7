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
import { evolveFacts, noFacts, type DisclosureFacts } from "./DisclosureFacts.ts"
import * as Store from "./internal/LineStore.ts"
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
  /** For a carryover: the line of `originYear` it continues (its 年终结转 names it). */
  readonly sourceLineId?: string | undefined
  readonly amount: Money.Money
  readonly contributions: ReadonlyArray<Contribution>
}

/** What a 年终结转 carries out of one line of this year, and the close events that said so. @category models */
export interface ClosedLine {
  readonly amount: Money.Money
  readonly refs: ReadonlyArray<EventRef>
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
  /** The optional facts some templates print (see DisclosureFacts). */
  readonly facts: DisclosureFacts
  readonly adjustments: ReadonlySet<string>
  readonly publications: ReadonlyArray<Data<typeof E.DisclosurePublished.Type> & { readonly ref: EventRef }>
  /** 年终结转 of this year: line id → what carries into the next year. */
  readonly closing: ReadonlyMap<string, ClosedLine>
  /** Carried into this year so far, by `originYear:sourceLineId` (see {@link carriedKey}). */
  readonly carriedIn: ReadonlyMap<string, Money.Money>
}

/** The key of {@link BudgetState.carriedIn}: an origin line of an earlier year. @category models */
export const carriedKey = (originYear: number, sourceLineId: string): string =>
  `${originYear}:${sourceLineId}`

type Fields = Omit<BudgetState, "lines" | "adjustments">
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const fieldsOf = (s: BudgetState): Mutable<Fields> => ({
  version: s.version,
  profile: s.profile,
  units: s.units,
  projects: s.projects,
  performanceTargets: s.performanceTargets,
  unitOverallTargets: s.unitOverallTargets,
  priorYear: s.priorYear,
  notes: s.notes,
  assets: s.assets,
  facts: s.facts,
  publications: s.publications,
  closing: s.closing,
  carriedIn: s.carriedIn,
})

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
  facts: noFacts,
  adjustments: new Set(),
  publications: [],
  closing: new Map(),
  carriedIn: new Map(),
}

/**
 * One line of a state; the same answer as `state.lines.get(lineId)`. A state that continued a
 * long stream keeps its lines in a persistent trie and builds its `lines` map only when first
 * read; this reads the trie, so `decide` against a cached state costs the lines it names.
 * @category getters
 */
export const lineOf: (state: BudgetState, lineId: string) => LineState | undefined = Store.lineOf

/**
 * Whether an adjustment id is taken; the same answer as `state.adjustments.has(adjustmentId)`,
 * without building the set (see {@link lineOf}).
 * @category getters
 */
export const hasAdjustment: (state: BudgetState, adjustmentId: string) => boolean = Store.hasAdjustment

/** An amount as Money, or undefined for a string no decoded event can carry: evolve must never throw. */
const amountOf = (s: string): Money.Money | undefined => {
  const r = Money.parse(s)
  return Result.isSuccess(r) ? r.success : undefined
}

type NativeKey =
  "units" | "projects" | "targets" | "overall" | "notes" | "publications" | "closing" | "carriedIn"

/**
 * Applies events to a private draft of a state. Lines and adjustment ids — what grows with a
 * stream — go to a line store (`internal/LineStore`): copy-on-write Map/Set for a fold from the
 * start, persistent tries for a fold that continues a long stream, so an event applied to a cached
 * state costs O(log n), not a copy of everything the stream said. The other maps (units,
 * projects, targets, notes…) are copied the first time this folder writes them and mutated in
 * place afterwards. States handed out by `done` are never written again: the next write copies
 * first, which keeps `evolve` and `fold` observably pure.
 */
class Folder {
  private readonly f: Mutable<Fields>
  private readonly store: Store.LineStore
  private readonly owned = new Set<NativeKey>()
  private view: BudgetState | undefined

  constructor(from: BudgetState) {
    this.f = fieldsOf(from)
    this.store = Store.storeFor(from)
  }

  /** The state so far; valid until the next `apply`. */
  peek(): BudgetState {
    return (this.view ??= this.store.publish(this.f, false))
  }

  /** The state so far, frozen: later applies copy before they write. */
  done(): BudgetState {
    this.owned.clear()
    this.view = undefined
    return this.store.publish(this.f, true)
  }

  private map<K, V>(key: NativeKey, get: () => ReadonlyMap<K, V>, set: (m: Map<K, V>) => void): Map<K, V> {
    if (!this.owned.has(key)) {
      set(new Map(get()))
      this.owned.add(key)
    }
    return get() as Map<K, V>
  }

  private addLine(
    line: BudgetLine,
    vintage: LineState["vintage"],
    originYear: number | undefined,
    contribution: Contribution,
    sourceLineId?: string,
  ): boolean {
    if (this.store.has(line.lineId)) return false // decide rejects duplicates; evolve stays total
    const amount = amountOf(line.amount)
    if (amount === undefined) return false
    this.store.add({ line, vintage, originYear, sourceLineId, amount }, contribution)
    return true
  }

  /** Applies one event; total: an event `decide` would never have produced changes nothing but the version. */
  apply(event: E.BudgetEvent, ref?: EventRef): void {
    this.view = undefined
    const s = this.f
    s.version = s.version + 1
    const at: EventRef = ref ?? { version: s.version }
    switch (event.type) {
      case "AppropriationRecorded": {
        const { line, documentNumber } = event.data
        const amount = amountOf(line.amount) ?? Money.zero
        this.addLine(line, "current", undefined, { ref: at, type: event.type, amount, documentNumber })
        return
      }
      case "CarryoverRecorded": {
        const { line, originYear, documentNumber, sourceLineId } = event.data
        const amount = amountOf(line.amount) ?? Money.zero
        const c: Contribution = { ref: at, type: event.type, amount, documentNumber }
        if (!this.addLine(line, "carryover", originYear, c, sourceLineId) || sourceLineId === undefined)
          return
        const carried = this.map(
          "carriedIn",
          () => s.carriedIn,
          (m) => (s.carriedIn = m),
        )
        const key = carriedKey(originYear, sourceLineId)
        carried.set(key, Money.add(carried.get(key) ?? Money.zero, amount))
        return
      }
      case "AdjustmentRecorded": {
        const { change, documentNumber, adjustmentId } = event.data
        this.store.adjust(adjustmentId)
        if (change.kind === "amount") {
          const delta = amountOf(change.delta)
          if (delta === undefined) return
          return this.store.change(change.lineId, delta, {
            ref: at,
            type: event.type,
            amount: delta,
            documentNumber,
          })
        }
        const source = this.store.get(change.fromLineId)
        const moved = amountOf(change.toLine.amount)
        // Both legs or neither: a target id already in use would otherwise shrink the source alone.
        if (source === undefined || moved === undefined || this.store.has(change.toLine.lineId)) return
        const negated = Money.negate(moved)
        this.store.change(change.fromLineId, negated, {
          ref: at,
          type: event.type,
          amount: negated,
          documentNumber,
        })
        this.addLine(
          change.toLine,
          source.vintage,
          source.originYear,
          { ref: at, type: event.type, amount: moved, documentNumber },
          source.sourceLineId,
        )
        return
      }
      case "DepartmentProfileRecorded":
        s.profile = event.data
        return
      case "UnitRegistered": {
        const units = this.map(
          "units",
          () => s.units,
          (m) => (s.units = m),
        )
        const order = units.get(event.data.unitCode)?.order ?? units.size
        units.set(event.data.unitCode, { ...event.data, order })
        return
      }
      case "ProjectRegistered": {
        const projects = this.map(
          "projects",
          () => s.projects,
          (m) => (s.projects = m),
        )
        const order = projects.get(event.data.projectId)?.order ?? projects.size
        projects.set(event.data.projectId, { ...event.data, order })
        return
      }
      case "PerformanceTargetsRecorded":
        this.map(
          "targets",
          () => s.performanceTargets,
          (m) => (s.performanceTargets = m),
        ).set(event.data.projectId, event.data)
        return
      case "UnitOverallTargetsRecorded":
        if (!this.owned.has("overall")) {
          s.unitOverallTargets = new Set(s.unitOverallTargets)
          this.owned.add("overall")
        }
        ;(s.unitOverallTargets as Set<string>).add(event.data.unitCode)
        return
      case "PriorYearBudgetRecorded":
        s.priorYear = event.data
        return
      case "NarrativeNoteRecorded":
        this.map(
          "notes",
          () => s.notes,
          (m) => (s.notes = m),
        ).set(event.data.topic, event.data.text)
        return
      case "AssetHoldingsRecorded":
        s.assets = event.data
        return
      case "FunctionPurposeRecorded":
      case "ItemReasonRecorded":
      case "ProcurementReservationRecorded":
      case "VehicleFleetRecorded":
      case "PlannedPurchasesRecorded":
      case "PerformanceSummaryRecorded":
      case "OrganizationBodyRecorded":
        s.facts = evolveFacts(s.facts, event)
        return
      case "DisclosurePublished":
        if (!this.owned.has("publications")) {
          s.publications = [...s.publications]
          this.owned.add("publications")
        }
        ;(s.publications as Array<BudgetState["publications"][number]>).push({ ...event.data, ref: at })
        return
      case "YearEndClosed": {
        const closing = this.map(
          "closing",
          () => s.closing,
          (m) => (s.closing = m),
        )
        for (const c of event.data.carryovers) {
          const amount = amountOf(c.amount)
          if (amount === undefined) continue
          const before = closing.get(c.lineId)
          closing.set(c.lineId, {
            amount: Money.add(before?.amount ?? Money.zero, amount),
            refs: before === undefined ? [at] : [...before.refs, at],
          })
        }
        return
      }
    }
  }
}

/**
 * Applies one event. Total and pure: an event `decide` would never have produced (an unknown line,
 * a duplicate id) leaves the state unchanged rather than throwing, so replay never fails. Copies
 * only what the event touches; to apply many events use `fold` or `folder`, which are linear.
 * @category evolve
 */
export const evolve = (state: BudgetState, event: E.BudgetEvent, ref?: EventRef): BudgetState => {
  const f = new Folder(state)
  f.apply(event, ref)
  return f.done()
}

/**
 * A running fold for callers that must look at the state between events (batch checks): `apply`
 * costs the event alone, `state` is a read-only view valid until the next `apply`, and `done`
 * returns the result. Nothing it was started from is ever modified.
 * @category evolve
 */
export interface RunningFold {
  readonly apply: (event: E.BudgetEvent, ref?: EventRef) => void
  readonly state: () => BudgetState
  readonly done: () => BudgetState
}

/** Starts a running fold from a state. @category evolve */
export const folder = (from: BudgetState = initialState): RunningFold => {
  const f = new Folder(from)
  return { apply: (e, r) => f.apply(e, r), state: () => f.peek(), done: () => f.done() }
}

/** Folds a sequence of events from the initial state, in time linear in the events. @category evolve */
export const fold = (
  events: Iterable<{ readonly event: E.BudgetEvent; readonly ref?: EventRef | undefined }>,
  from: BudgetState = initialState,
): BudgetState => {
  const f = new Folder(from)
  for (const e of events) f.apply(e.event, e.ref)
  return f.done()
}
