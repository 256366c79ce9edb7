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
import { decodeLogged, toLogged } from "./events.ts"
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
  Effect.flatMap(store.readStream(streamId, consistency), checkChain)

/** The chain check of an already made read: the events, or {@link LedgerIntegrity} naming the break. */
const checkChain = (
  stored: ReadonlyArray<StoredEvent>,
): Effect.Effect<ReadonlyArray<StoredEvent>, LedgerIntegrity> => {
  const broken = verifyRead(stored)
  if (broken === undefined) return Effect.succeed(stored)
  const { streamId: id, position, version, reason, detail } = broken
  return Effect.fail(new LedgerIntegrity({ streamId: id, position, version, reason, detail }))
}

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
  /**
   * The department's first year with events, when the caller already knows it (a job that listed
   * the streams, e.g. rebuilding every disclosure): years before it are not read. Without it the
   * read probes back until a year without events, one more query per replay.
   */
  readonly firstYear?: number | undefined
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

/** The stored events of a department-year and of its earlier years, as read: `[year, events]`, this year first. @category models */
export type StoredYears = ReadonlyArray<readonly [number, ReadonlyArray<StoredEvent>]>

/**
 * The read of a replay, and only the read: this year's stream, then the department's years before
 * it, newest first until the first year without events (at most {@link MAX_EARLIER_YEARS}, none
 * before `options.firstYear`).
 * @category constructors
 */
export const readYears = (
  store: EventStoreShape,
  department: string,
  year: number,
  options: ReplayOptions = {},
): Effect.Effect<StoredYears, StoreUnavailable | LedgerIntegrity> => {
  const read = (y: number) =>
    store.readStream(Envelope.streamIdOf({ department, year: y }), { minPosition: options.minPosition })
  const first = options.firstYear ?? Number.NEGATIVE_INFINITY
  const step = (
    y: number,
    acc: StoredYears,
  ): Effect.Effect<StoredYears, StoreUnavailable | LedgerIntegrity> =>
    acc.length > MAX_EARLIER_YEARS || y < first
      ? Effect.succeed(acc)
      : Effect.flatMap(read(y), (stored) =>
          stored.length === 0 ? Effect.succeed(acc) : step(y - 1, [...acc, [y, stored]]),
        )
  // A year without events has no replay: its earlier years are not read.
  return Effect.flatMap(read(year), (stored) =>
    stored.length === 0 ? Effect.succeed([[year, stored]]) : step(year - 1, [[year, stored]]),
  )
}

/** How stored events are decoded: `toLogged` (memoised) or {@link decodeLogged} (one pass). */
type Decode = (s: StoredEvent) => LoggedEvent

/** A read, chain-checked and decoded; UnknownDepartmentYear when this year has no event. */
const yearsOf = (
  department: string,
  year: number,
  read: StoredYears,
  decode: Decode = toLogged,
): Effect.Effect<DepartmentYears, UnknownDepartmentYear | LedgerIntegrity> =>
  Effect.flatMap(
    Effect.forEach(read, ([y, stored]) =>
      Effect.map(checkChain(stored), (checked) => [y, checked.map(decode)] as const),
    ),
    (years) =>
      (years[0]?.[1].length ?? 0) === 0
        ? Effect.fail(new UnknownDepartmentYear({ department, year }))
        : Effect.succeed(new Map(years)),
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

/**
 * Everything of a replay after the read ({@link readYears}), as a pure function of the events read:
 * the chain checks, the decode and one replay per point (a diff asks for two). A worker thread
 * runs exactly this on the events the request thread read, so a long replay never holds the
 * request loop.
 * @category constructors
 */
export const replayStored = (
  department: string,
  year: number,
  read: StoredYears,
  points: ReadonlyArray<AsOf>,
): Effect.Effect<ReadonlyArray<Replay>, Exclude<ReplayError, StoreUnavailable>> =>
  Effect.flatMap(yearsOf(department, year, read), (years) =>
    Effect.forEach(points, (asOf) => replayOf(department, year, years, asOf)),
  )

/**
 * How a {@link makeReplay} reads, fixed for all its replays. New fields must be optional.
 * @category models
 */
export interface ReplaySetup {
  /**
   * Remember decoded events across reads (default true): repeated reads of a stream — the API
   * serving and re-serving current disclosures — skip the decode. A job that reads each event
   * once (rebuilding every disclosure) passes false: the memo would never hit and only hold up
   * to 20,000 decoded events and their texts.
   */
  readonly decodeMemo?: boolean | undefined
}

/** The replay functions over one store. @category constructors */
export const makeReplay = (store: EventStoreShape, setup: ReplaySetup = {}) => {
  const decode = setup.decodeMemo === false ? decodeLogged : toLogged
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
          : Effect.succeed(stored.map(decode)),
    )

  /** This year's log with the earlier years' logs (read once for all points of one replay). */
  const departmentYears = (
    department: string,
    year: number,
    options: ReplayOptions,
  ): Effect.Effect<DepartmentYears, ReadError> =>
    Effect.flatMap(readYears(store, department, year, options), (read) =>
      yearsOf(department, year, read, decode),
    )

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
