/**
 * The application service behind both the HTTP API and the command line: every write goes through
 * the same decode → rule check → atomic append path, and every read through the same replay, so
 * the two front ends cannot disagree about what is valid or what a disclosure says.
 *
 * @module
 */
import { BudgetState, Envelope, Taxonomy } from "@ledger/domain"
import type {
  AppendResult,
  EventStoreShape,
  ExpectedVersion,
  LedgerIntegrity,
  StoreUnavailable,
} from "@ledger/eventstore"
import type { AppendError } from "@ledger/eventstore"
import { StreamVersionConflict } from "@ledger/eventstore"
import {
  AsOf,
  diffDisclosures,
  type DisclosureDiff,
  type CellProvenance,
  type NoSuchCell,
  traceCell,
} from "@ledger/projections"
import { Effect, Result } from "effect"
import { BatchRejected, type BatchIssue } from "./errors.ts"
import { type ActorChoice, bodyOf, toNewEvent } from "./events.ts"
import { parseNdjson } from "./ndjson.ts"
import { makeReplay, type ReplayError, type ReplayOptions } from "./replay.ts"
import { checkRules } from "./rules.ts"
import { yearsNeeded } from "./years.ts"
import { makeStateCache, type StateCache, type StreamSnapshot } from "./state-cache.ts"
import { appendedEvents } from "./appended.ts"
import { makeKeyedLock } from "./keyed-lock.ts"
import { type PublishOptions, publishLog } from "./publication.ts"
import { type DryRunOptions, dryRunStreams } from "./dry-run.ts"

/** A batch for one department-year, as the API receives it. */
export interface AppendInput {
  readonly department: string
  readonly year: number
  readonly events: ReadonlyArray<unknown>
  readonly expectedVersion?: ExpectedVersion | undefined
  readonly idempotencyKey: string
  /** The authenticated caller; overrides any `actor` in the events. */
  readonly actor?: string | undefined
}

/** What an import wrote. */
export interface ImportResult {
  readonly lines: number
  readonly appended: number
  readonly skipped: number
  readonly streams: ReadonlyArray<{
    readonly streamId: string
    readonly fromVersion: number
    readonly toVersion: number
  }>
}

/** A department-year the store knows. */
export interface DepartmentYear {
  readonly department: string
  readonly year: number
  readonly version: number
  readonly headHash: string
}

/** A stream's state and the canonical bodies of its events by idempotency key. */
/**
 * A writer's batch may not carry `DisclosurePublished`: only {@link makeLedgerService}'s `publish`
 * makes one, with a seal computed from the stored log, so a client can neither forge a seal nor
 * move what "as published" means. (An operator's `importNdjson` may carry historic publications;
 * reading as published checks any seal they carry against the rebuilt document.)
 */
const onlyPublishSeals = (
  decoded: ReadonlyArray<{ readonly index: number; readonly e: Envelope.EnvelopedEvent }>,
): Array<BatchIssue> =>
  decoded
    .filter((d) => d.e.event.type === "DisclosurePublished")
    .map((d) => ({
      index: d.index,
      path: "type",
      message:
        "DisclosurePublished is made only by the publish operation (POST …/publish), never sent as an event",
      rule: "PublishOnly",
    }))

/** One decoded event of a batch, with its place in the request (index) or file (line). */
interface Decoded {
  readonly index: number
  readonly line?: number | undefined
  readonly e: Envelope.EnvelopedEvent
}

/** What a stream's part of a batch was checked against, which of its events are new, and the state after them. */
interface Checked {
  readonly snapshot: StreamSnapshot
  readonly fresh: ReadonlyArray<Decoded>
  readonly state: BudgetState.BudgetState
}

/** Builds the service over any EventStore backend. @category constructors */
export const makeLedgerService = (
  store: EventStoreShape,
  options: {
    /** The cache writes are checked against (tests pass one to look into it); default a new one. */
    readonly stateCache?: StateCache | undefined
    /** Remember decoded events across reads (default true; false for one-pass jobs), see `ReplaySetup`. */
    readonly decodeMemo?: boolean | undefined
  } = {},
) => {
  const { loggedEvents, replay, replayPair } = makeReplay(store, { decodeMemo: options.decodeMemo })

  /** Decodes and rule-checks a batch against the stream's current state; nothing is written here. */
  const validate = (
    items: ReadonlyArray<{ readonly value: unknown; readonly line?: number | undefined }>,
    current: (streamId: string) => Effect.Effect<StreamSnapshot, StoreUnavailable | LedgerIntegrity>,
    actor: ActorChoice,
    expectStream?: Envelope.StreamKey,
  ) =>
    Effect.gen(function* () {
      const issues: Array<BatchIssue> = []
      const decoded: Array<Decoded> = []
      items.forEach((item, index) => {
        const r = Envelope.decodeEvent(item.value)
        if (Result.isFailure(r)) {
          for (const i of r.failure.issues)
            issues.push({ index, line: item.line, path: i.path, message: i.message })
          return
        }
        const s = r.success.meta.stream
        if (expectStream && (s.department !== expectStream.department || s.year !== expectStream.year)) {
          issues.push({
            index,
            line: item.line,
            path: "stream",
            message: `belongs to ${Envelope.streamIdOf(s)}, not ${Envelope.streamIdOf(expectStream)}`,
          })
          return
        }
        decoded.push({ index, line: item.line, e: r.success })
      })
      // The rules still run on the events that did decode, so one round trip reports every issue.
      const undecoded = issues.length > 0
      const byStream = new Map<string, Array<Decoded>>()
      for (const d of decoded) {
        const id = Envelope.streamIdOf(d.e.meta.stream)
        const list = byStream.get(id)
        if (list === undefined) byStream.set(id, [d])
        else list.push(d)
      }
      /** Per stream: the snapshot the batch was checked against and its events not yet stored. */
      const checked = new Map<string, Checked>()
      /** States after this batch's events, for the year links of streams checked later. */
      const after = new Map<string, BudgetState.BudgetState>()
      for (const [streamId, list] of byStream) {
        const key = Envelope.parseStreamId(streamId) ?? { department: "", year: 0 }
        const taxonomy = Taxonomy.forYear(key.year)
        if (Result.isFailure(taxonomy)) {
          for (const d of list)
            issues.push({
              index: d.index,
              line: d.line,
              path: "stream.year",
              message: `no taxonomy for ${key.year}`,
            })
          continue
        }
        const snapshot = yield* current(streamId)
        const run = BudgetState.folder(snapshot.state)
        // The neighbouring years a 年终结转 or a linked carryover is checked against (decide-years).
        const years = new Map<number, BudgetState.BudgetState>()
        for (const y of yearsNeeded(
          key.year,
          list.map((d) => d.e.event),
        )) {
          const id = Envelope.streamIdOf({ department: key.department, year: y })
          const other = after.get(id) ?? (yield* current(id)).state
          if (other.version > 0) years.set(y, other)
        }
        // Ids this batch takes, beside the stored ones the snapshot knows (never a copy of those).
        const eventIds = new Set<string>()
        const fresh: Array<Decoded> = []
        for (const d of list) {
          const stored = snapshot.bodyOf(d.e.meta.idempotencyKey)
          if (stored !== undefined) {
            // Already stored: the store skips it when the body is the same and refuses it otherwise.
            if (stored !== bodyOf(toNewEvent(d.e, actor))) {
              issues.push({
                index: d.index,
                line: d.line,
                path: "idempotencyKey",
                message: `"${d.e.meta.idempotencyKey}" was already used for an event with another body`,
                rule: "IdempotencyConflict",
              })
            }
            continue
          }
          const eventId = toNewEvent(d.e, actor).eventId
          if (eventIds.has(eventId) || snapshot.hasEventId(eventId)) {
            issues.push({
              index: d.index,
              line: d.line,
              path: "eventId",
              message: `"${eventId}" is already the id of another event of ${streamId}`,
              rule: "DuplicateEventId",
            })
            continue
          }
          eventIds.add(eventId)
          const problem = checkRules(d.e, run.state(), {
            taxonomy: taxonomy.success,
            year: key.year,
            department: key.department,
            years,
          })
          if (problem !== undefined) {
            issues.push({ index: d.index, line: d.line, ...problem })
            continue
          }
          run.apply(d.e.event)
          fresh.push(d)
        }
        const state = run.done()
        after.set(streamId, state)
        checked.set(streamId, { snapshot, fresh, state })
      }
      if (issues.length > 0)
        return yield* Effect.fail(
          new BatchRejected({
            kind: undecoded ? "invalid" : "rule-violation",
            issues: [...issues].sort((a, b) => a.index - b.index),
          }),
        )
      return { decoded, byStream, checked }
    })

  // Writes are checked against the state cached per stream head (state-cache.ts), not a re-fold.
  const stateCache = options.stateCache ?? makeStateCache(store)
  const currentState = stateCache.current
  // One append per stream at a time in this process, so each one starts from the head the last
  // one advanced the cache to (the store serialises them anyway; other processes still race).
  const lock = makeKeyedLock()

  /** An API batch for one department-year, decoded and checked as a write (and a dry run) checks it. */
  const checkedBatch = (input: Omit<AppendInput, "idempotencyKey">) =>
    Effect.gen(function* () {
      const stream = { department: input.department, year: input.year }
      const actor: ActorChoice = { override: input.actor }
      const { decoded, byStream, checked } = yield* validate(
        input.events.map((value) => ({ value })),
        currentState,
        actor,
        stream,
      )
      const forged = onlyPublishSeals(decoded)
      if (forged.length > 0)
        return yield* Effect.fail(new BatchRejected({ kind: "rule-violation", issues: forged }))
      return { stream, actor, decoded, byStream, checked }
    })

  return {
    store,
    loggedEvents,
    replay,
    replayPair,

    /** Appends one batch to one department-year, atomically, after decoding and rule checks. */
    append: (
      input: AppendInput,
    ): Effect.Effect<AppendResult, BatchRejected | AppendError | LedgerIntegrity> =>
      lock(
        Envelope.streamIdOf({ department: input.department, year: input.year }),
        Effect.gen(function* () {
          const { stream, actor, decoded, checked } = yield* checkedBatch(input)
          const streamId = Envelope.streamIdOf(stream)
          const expected = input.expectedVersion ?? { _tag: "Any" }
          // Each event's store form is made once, for the append and for the cache.
          const sentEvents = new Map(decoded.map((d) => [d, toNewEvent(d.e, actor)] as const))
          const sent = (d: Decoded) => sentEvents.get(d) ?? toNewEvent(d.e, actor)
          const result = yield* store.append(
            { streamId, expectedVersion: expected, events: [...sentEvents.values()] },
            { idempotencyKey: input.idempotencyKey },
          )
          const written = result.streams[0]
          const check = checked.get(streamId)
          if (written !== undefined && check !== undefined)
            stateCache.advance(streamId, check.snapshot, check.state, appendedEvents(check, written, sent))
          // The store skips a batch whose events are all stored already without looking at the
          // version; the caller's expectation still has to hold (a retried request answers the
          // original result, which met it).
          if (
            expected._tag === "Exact" &&
            written !== undefined &&
            written.fromVersion !== expected.version + 1
          )
            return yield* Effect.fail(
              new StreamVersionConflict({ streamId, expected, actual: written.fromVersion - 1 }),
            )
          return result
        }),
      ),

    /**
     * What {@link append} would do, without writing: the same decode and rules (the same refusals),
     * then the versions, the changed cells and the checks' findings (see dry-run.ts).
     */
    dryRun: <C>(input: Omit<AppendInput, "idempotencyKey">, options: DryRunOptions<C> = {}) =>
      Effect.gen(function* () {
        const { actor, byStream } = yield* checkedBatch(input)
        const expected = input.expectedVersion
        return yield* dryRunStreams(store, byStream, actor, {
          ...options,
          expectedVersion: expected?._tag === "Exact" ? expected.version : undefined,
        })
      }),

    /** What {@link importNdjson} would do, without writing (see dry-run.ts). */
    dryRunImport: <C>(
      text: string,
      options: DryRunOptions<C> & { readonly actor?: string | undefined } = {},
    ) =>
      Effect.gen(function* () {
        const lines = parseNdjson(text)
        if (Result.isFailure(lines)) return yield* Effect.fail(lines.failure)
        const actor: ActorChoice = { fallback: options.actor }
        const { byStream } = yield* validate(lines.success, currentState, actor)
        return yield* dryRunStreams(store, byStream, actor, options)
      }),

    /** Imports an NDJSON file: every line is checked first; any bad line and nothing is written. */
    importNdjson: (
      text: string,
      options: { readonly actor?: string | undefined; readonly idempotencyKey: string },
    ): Effect.Effect<ImportResult, BatchRejected | AppendError | LedgerIntegrity> =>
      Effect.gen(function* () {
        const lines = parseNdjson(text)
        if (Result.isFailure(lines)) return yield* Effect.fail(lines.failure)
        if (lines.success.length === 0) {
          return yield* Effect.fail(
            new BatchRejected({
              kind: "malformed",
              issues: [{ index: 0, line: 1, path: "", message: "the file has no events" }],
            }),
          )
        }
        const actor: ActorChoice = { fallback: options.actor }
        const { byStream } = yield* validate(lines.success, currentState, actor)
        const result = yield* store.append(
          [...byStream].map(([streamId, list]) => ({
            streamId,
            expectedVersion: { _tag: "Any" } as const,
            events: list.map((d) => toNewEvent(d.e, actor)),
          })),
          { idempotencyKey: options.idempotencyKey },
        )
        return {
          lines: lines.success.length,
          appended: result.streams.reduce((n, s) => n + s.appended, 0),
          skipped: result.streams.reduce((n, s) => n + s.skipped, 0),
          streams: result.streams.map((s) => ({
            streamId: s.streamId,
            fromVersion: s.fromVersion,
            toVersion: s.toVersion,
          })),
        }
      }),

    /** The disclosure of a department-year as of the point asked for (the `disclosure` of {@link replay}). */
    disclosure: (department: string, year: number, asOf: AsOf, options?: ReplayOptions) =>
      Effect.map(replay(department, year, asOf, options), (r) => r.disclosure),

    /** The provenance of one printed cell, from one replay. */
    trace: (
      department: string,
      year: number,
      asOf: AsOf,
      cell: { readonly table: string; readonly row: number; readonly col: number },
    ): Effect.Effect<CellProvenance, ReplayError | NoSuchCell> =>
      Effect.flatMap(replay(department, year, asOf), (r) =>
        Effect.fromResult(traceCell(r, cell.table, cell.row, cell.col, r.years)),
      ),

    /** What changed between two points, both replayed from one read. */
    diff: (
      department: string,
      year: number,
      from: AsOf,
      to: AsOf,
    ): Effect.Effect<DisclosureDiff, ReplayError> =>
      Effect.map(replayPair(department, year, from, to), ([a, b]) => diffDisclosures(a, b)),

    /**
     * Seals the current state in a DisclosurePublished event; answers the existing seal when the
     * state is already sealed (see publication.ts). One replay gives the log, state and document.
     */
    publish: (department: string, year: number, options: PublishOptions) =>
      Effect.flatMap(replay(department, year, AsOf.current), (current) =>
        publishLog(store, department, year, current, options),
      ),

    /** Every department-year in the store. */
    departments: (): Effect.Effect<ReadonlyArray<DepartmentYear>, StoreUnavailable> =>
      Effect.map(store.listStreams(), (heads) =>
        heads.flatMap((h) => {
          const key = Envelope.parseStreamId(h.streamId)
          return key ? [{ ...key, version: h.version, headHash: h.hash }] : []
        }),
      ),
  }
}

/** The service's shape (the value {@link LedgerService} provides); an interface, so its declaration names it. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface, not an alias: the emitted declaration of `LedgerService` must name it (TS2883)
export interface LedgerServiceShape extends ReturnType<typeof makeLedgerService> {}
