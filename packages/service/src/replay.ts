/**
 * The one replay of budget-ledger. Every reader of a department-year — the disclosure in any
 * format, the auditor's checks, reconciliation, cell provenance, diff, publication — in the API and
 * on the command line goes through {@link makeReplay}: the stream is read ONCE, the events for the
 * as-of point are selected ONCE and folded ONCE, and the reader gets the events, the state and the
 * disclosure of that one read. So a reader can never explain document v70 with state v71.
 *
 * ```
 * store.readStream ──▶ toLogged ──▶ selectEvents(asOf) ──▶ foldLogged ──▶ projectDisclosure
 *   (read once)                      (select once)          (fold once)      (the document)
 * ```
 *
 * Years link: the department's earlier years are read with it (back to the first year it holds),
 * so year N's prior-year figures come from year N−1's publication when the ledger held one at the
 * replayed point (`replayYear`), and a carryover cell can be traced to its origin year.
 *
 * Extending it: {@link ReplayOptions} is the place for new, optional behaviour (integrity checks on
 * read, consistency tokens, …); callers that pass nothing keep today's behaviour.
 *
 * @module
 */
import { Envelope } from "@ledger/domain"
import { LedgerIntegrity, verifyRead } from "@ledger/eventstore"
import type { Consistency, EventStoreShape, StoredEvent, StoreUnavailable } from "@ledger/eventstore"
import {
  type AsOf,
  type DepartmentYears,
  type DisclosureError,
  type LoggedEvent,
  type Replayed,
  replayYear,
} from "@ledger/projections"
import { Effect } from "effect"
import { UnknownDepartmentYear } from "./errors.ts"
import { toLogged } from "./events.ts"
import { checkSeal } from "./seal.ts"

/** Why a department-year could not be read. @category errors */
export type ReadError = StoreUnavailable | UnknownDepartmentYear | LedgerIntegrity

/**
 * Reads a stream and checks the hash chain of what was read (`verifyRead`); a broken chain fails
 * with {@link LedgerIntegrity}, so nothing is built, served, cached, sealed or appended from
 * tampered history. Every read of a budget stream goes through here.
 * @category constructors
 */
export const readChecked = (
  store: EventStoreShape,
  streamId: string,
  consistency: Consistency = {},
): Effect.Effect<ReadonlyArray<StoredEvent>, StoreUnavailable | LedgerIntegrity> =>
  Effect.flatMap(store.readStream(streamId, consistency), (stored) => {
    const broken = verifyRead(stored)
    if (broken === undefined) return Effect.succeed(stored)
    const { streamId: id, position, version, reason, detail } = broken
    return Effect.fail(new LedgerIntegrity({ streamId: id, position, version, reason, detail }))
  })

/**
 * Why a replay failed: the read, the disclosure of the selected state, or (as published) a seal
 * that does not match the rebuilt document. @category errors
 */
export type ReplayError = ReadError | DisclosureError

/**
 * Options of a replay. New fields must be optional so every caller keeps working.
 * @category models
 */
export interface ReplayOptions {
  /**
   * A consistency token: the log position the caller has seen (e.g. its own append's
   * `lastPosition`). The read reflects at least that much, whichever replica serves it.
   */
  readonly minPosition?: number | undefined
}

/**
 * One replay of one department-year: {@link Replayed} (the point, the selected events, their state,
 * the disclosure) plus where it came from and the whole log as read. @category models
 */
export interface Replay extends Replayed {
  readonly department: string
  readonly year: number
  readonly streamId: string
  /** Every event of the stream as read (the selection is `events`). */
  readonly log: ReadonlyArray<LoggedEvent>
  /** This year's log and the department's earlier years' logs as read, by year. */
  readonly years: DepartmentYears
}

/** How far back a replay reads the earlier years of a department (a bound, not a rule). @category constants */
const MAX_EARLIER_YEARS = 10

/** The replay functions over one store. @category constructors */
export const makeReplay = (store: EventStoreShape) => {
  /** The whole log of a department-year, decoded; UnknownDepartmentYear when it has no event. */
  const loggedEvents = (
    department: string,
    year: number,
    options: ReplayOptions = {},
  ): Effect.Effect<ReadonlyArray<LoggedEvent>, ReadError> =>
    Effect.flatMap(
      readChecked(store, Envelope.streamIdOf({ department, year }), { minPosition: options.minPosition }),
      (stored) =>
        stored.length === 0
          ? Effect.fail(new UnknownDepartmentYear({ department, year }))
          : Effect.succeed(stored.map(toLogged)),
    )

  /** The department's years before `year`, newest first until the first year without events. */
  const earlierYears = (
    department: string,
    year: number,
    options: ReplayOptions,
  ): Effect.Effect<ReadonlyArray<readonly [number, ReadonlyArray<LoggedEvent>]>, ReadError> => {
    const step = (
      y: number,
      acc: ReadonlyArray<readonly [number, ReadonlyArray<LoggedEvent>]>,
    ): Effect.Effect<ReadonlyArray<readonly [number, ReadonlyArray<LoggedEvent>]>, ReadError> =>
      acc.length >= MAX_EARLIER_YEARS
        ? Effect.succeed(acc)
        : Effect.flatMap(
            readChecked(store, Envelope.streamIdOf({ department, year: y }), {
              minPosition: options.minPosition,
            }),
            (stored) =>
              stored.length === 0 ? Effect.succeed(acc) : step(y - 1, [...acc, [y, stored.map(toLogged)]]),
          )
    return step(year - 1, [])
  }

  /** This year's log with the earlier years' logs (read once for all points of one replay). */
  const departmentYears = (
    department: string,
    year: number,
    options: ReplayOptions,
  ): Effect.Effect<DepartmentYears, ReadError> =>
    Effect.flatMap(loggedEvents(department, year, options), (log) =>
      Effect.map(
        earlierYears(department, year, options),
        (earlier): DepartmentYears => new Map([[year, log], ...earlier]),
      ),
    )

  /** The pure step: one selection, one fold, one disclosure of an already read log. */
  const replayOf = (
    department: string,
    year: number,
    years: DepartmentYears,
    asOf: AsOf,
  ): Effect.Effect<Replay, DisclosureError | LedgerIntegrity> => {
    const log = years.get(year) ?? []
    return Effect.flatMap(Effect.fromResult(replayYear(years, year, asOf)), (r) =>
      Effect.as(checkSeal(log, asOf, r.disclosure.documentHash), {
        ...r,
        department,
        year,
        streamId: Envelope.streamIdOf({ department, year }),
        log,
        years,
      }),
    )
  }

  return {
    loggedEvents,

    /**
     * `replay(department, year, asOf)` → `{ events, state, disclosure, … }`: reads the stream once,
     * selects the events for `asOf` once, folds them once and builds the disclosure of that state.
     */
    replay: (
      department: string,
      year: number,
      asOf: AsOf,
      options: ReplayOptions = {},
    ): Effect.Effect<Replay, ReplayError> =>
      Effect.flatMap(departmentYears(department, year, options), (years) =>
        replayOf(department, year, years, asOf),
      ),

    /** Two points of one read (a diff): both replays see the same log, whatever is appended meanwhile. */
    replayPair: (
      department: string,
      year: number,
      from: AsOf,
      to: AsOf,
      options: ReplayOptions = {},
    ): Effect.Effect<readonly [Replay, Replay], ReplayError> =>
      Effect.flatMap(departmentYears(department, year, options), (years) =>
        Effect.all([replayOf(department, year, years, from), replayOf(department, year, years, to)] as const),
      ),
  }
}
