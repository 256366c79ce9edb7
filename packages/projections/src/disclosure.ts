/**
 * The disclosure as a pure function of the log: select the events for an as-of, fold them with
 * the domain's `evolve`, build the tables and parts of the department's template and stamp the document with the last included event
 * and the hash of its own canonical JSON. Same events in, byte-identical document out.
 *
 * @module disclosure
 */
import { BudgetState, CanonicalJson, Envelope, Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { formatAsOf, selectEvents, type AsOf, type InvalidAsOf, type NotPublished } from "./as-of.ts"
import { unknownCodes } from "./check-codes.ts"
import { makeContext } from "./context.ts"
import type { Disclosure } from "./disclosure-schema.ts"
import {
  EmptySelection,
  MissingDepartmentProfile,
  NotABudgetStream,
  UnresolvedCodes,
} from "./disclosure-errors.ts"
import type { LoggedEvent } from "./logged-event.ts"
import { templateOf } from "./templates/registry.ts"
import { type PriorYearPublication, withPriorYear } from "./years/prior-year.ts"

/** What a disclosure may use from outside its own stream. @category models */
export interface DisclosureOptions {
  /** The prior year's publication in this ledger; its figures replace `PriorYearBudgetRecorded`. */
  readonly priorYear?: PriorYearPublication | undefined
}

/** Everything that can stop a disclosure from being built. @category errors */
export type DisclosureError =
  | NotPublished
  | InvalidAsOf
  | EmptySelection
  | MissingDepartmentProfile
  | NotABudgetStream
  | Taxonomy.UnknownYear
  | UnresolvedCodes

/**
 * Folds logged events into the budget state, each line remembering the events behind it; `from`
 * continues an earlier fold (a cached state) with the events that follow it.
 * @category projections
 */
export const foldLogged = (
  events: ReadonlyArray<LoggedEvent>,
  from?: BudgetState.BudgetState,
): BudgetState.BudgetState =>
  BudgetState.fold(
    events.map((e) => ({
      event: e.event,
      ref: {
        version: e.meta.version,
        position: e.meta.position,
        eventId: e.meta.eventId,
        occurredAt: e.meta.occurredAt,
      },
    })),
    from,
  )

/**
 * Builds the `budget-disclosure/v1` document of one department-year stream as of the given state.
 * Selects, folds and projects; {@link replayLog} does the same and also returns what it folded.
 * @category projections
 */
export const buildDisclosure = (
  events: ReadonlyArray<LoggedEvent>,
  asOf: AsOf,
  options: DisclosureOptions = {},
): Result.Result<Disclosure, DisclosureError> =>
  Result.map(replayLog(events, asOf, options), (r) => r.disclosure)

/**
 * One replay of a stream's log as of a point: the events selected (once), the state they fold to
 * (once) and the disclosure projected from that state. Every reader — checks, reconciliation,
 * provenance, diff, publication — takes this triple, so none of them reads or folds again and none
 * can see another version than the document it explains. @category models
 */
export interface Replayed {
  /** The point that was replayed. */
  readonly asOf: AsOf
  /** The events visible as of the point, in log order. */
  readonly events: ReadonlyArray<LoggedEvent>
  /** Those events folded. */
  readonly state: BudgetState.BudgetState
  /** The document of that state. */
  readonly disclosure: Disclosure
}

/** Selects the events for `asOf` from a stream's whole log, folds them once and projects the disclosure. @category projections */
export const replayLog = (
  log: ReadonlyArray<LoggedEvent>,
  asOf: AsOf,
  options: DisclosureOptions = {},
): Result.Result<Replayed, DisclosureError> => {
  const selected = selectEvents(log, asOf)
  if (Result.isFailure(selected)) return Result.fail(selected.failure)
  const events = selected.success
  const state = foldLogged(events)
  return Result.map(projectDisclosure(events, state, asOf, options), (disclosure) => ({
    asOf,
    events,
    state,
    disclosure,
  }))
}

/** The disclosure of `state`, which is `events` folded (the last event stamps the document). @category projections */
export const projectDisclosure = (
  events: ReadonlyArray<LoggedEvent>,
  folded: BudgetState.BudgetState,
  asOf: AsOf,
  options: DisclosureOptions = {},
): Result.Result<Disclosure, DisclosureError> => {
  const last = events[events.length - 1]
  if (last === undefined) return Result.fail(new EmptySelection({ asOf: formatAsOf(asOf) }))
  const key = Envelope.parseStreamId(last.meta.streamId)
  if (key === undefined) return Result.fail(new NotABudgetStream({ streamId: last.meta.streamId }))
  const prior = withPriorYear(folded, key.year, options.priorYear)
  const state = prior.state
  if (state.profile === undefined)
    return Result.fail(new MissingDepartmentProfile({ streamId: last.meta.streamId }))
  const tx = Taxonomy.forYear(key.year)
  if (Result.isFailure(tx)) return Result.fail(tx.failure)
  const template = templateOf(state.profile.template)
  const ctx = makeContext(state, key.year, state.profile.name, tx.success)
  const bad = unknownCodes(tx.success, ctx.lines)
  if (bad.length > 0) return Result.fail(new UnresolvedCodes({ year: key.year, codes: bad }))
  const body: Omit<Disclosure, "documentHash"> = {
    schema: "budget-disclosure/v1",
    department: { code: state.profile.departmentCode, name: state.profile.name },
    fiscalYear: key.year,
    template: state.profile.template,
    asOf: {
      version: last.meta.version,
      position: last.meta.position,
      recordedAt: last.meta.recordedAt,
      headHash: last.meta.hash,
    },
    ...(prior.source === undefined ? {} : { priorYearSource: prior.source }),
    tables: template.tables.map((t) => t.build(ctx)),
    ...template.parts(state, key.year, tx.success),
  }
  return Result.succeed({ ...body, documentHash: CanonicalJson.hashOf(body) })
}

/** The document's JSON text: canonical (sorted keys, no whitespace), so equal documents are equal bytes. @category projections */
export const disclosureJson = (d: Disclosure): string => CanonicalJson.canonicalize(d)
