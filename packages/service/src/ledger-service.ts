/**
 * The application service behind both the HTTP API and the command line: every write goes through
 * the same decode → rule check → atomic append path, and every read through the same replay, so
 * the two front ends cannot disagree about what is valid or what a disclosure says.
 *
 * @module
 */
import { Envelope } from "@ledger/domain"
import type { EventStoreShape, LedgerIntegrity, StoreUnavailable } from "@ledger/eventstore"
import type { AppendError } from "@ledger/eventstore"
import {
  AsOf,
  diffDisclosures,
  type DisclosureDiff,
  type CellProvenance,
  type NoSuchCell,
  traceCell,
} from "@ledger/projections"
import { Effect, Result } from "effect"
import { type AppendInput, checkApiBatch, decodeApiBatch, makeAppend } from "./append.ts"
import { checkBatch, decodeBatch } from "./batch-check.ts"
import { BatchRejected, type UnknownDepartmentYear } from "./errors.ts"
import type { ActorChoice } from "./events.ts"
import { parseNdjson } from "./ndjson.ts"
import { makeReplay, type ReplayError, type ReplayOptions } from "./replay.ts"
import { makeStateCache, type StateCache } from "./state-cache.ts"
import { type PublishOptions, type PublishRefused, type Seal, publishLog } from "./publication.ts"
import { type DryRunOptions, dryRunStreams } from "./dry-run.ts"
import { priorAppend } from "./dry-run-key.ts"

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

  // Writes are checked against the state cached per stream head (state-cache.ts), not a re-fold.
  const stateCache = options.stateCache ?? makeStateCache(store)
  const currentState = stateCache.current
  const append = makeAppend(store, stateCache)
  /** An API batch decoded and checked as a write checks it (against the head, not in the write chain). */
  const checkedBatch = (input: Omit<AppendInput, "idempotencyKey">, actor: ActorChoice) =>
    checkApiBatch(decodeApiBatch(input, actor), currentState)

  return {
    store,
    loggedEvents,
    replay,
    replayPair,

    /**
     * Appends one batch to one department-year, atomically, after decoding and rule checks against
     * the state at the stream's head (see append.ts).
     */
    append,

    /**
     * What {@link append} would do, without writing: the same decode and rules (the same refusals),
     * then the versions, the changed cells and the checks' findings (see dry-run.ts). With the
     * idempotency key of a stored append, what that append answers: its stored result
     * (`replayed`) for the same request, a conflict for another (dry-run-key.ts).
     */
    dryRun: <C>(
      input: Omit<AppendInput, "idempotencyKey"> & { readonly idempotencyKey?: string | undefined },
      options: DryRunOptions<C> = {},
    ) =>
      Effect.gen(function* () {
        const actor: ActorChoice = { override: input.actor }
        const { byStream, decoded } = yield* checkedBatch(input, actor)
        const expected = input.expectedVersion
        const streamId = Envelope.streamIdOf({ department: input.department, year: input.year })
        const replayed =
          input.idempotencyKey === undefined
            ? undefined
            : yield* priorAppend(
                store,
                {
                  streamId,
                  expectedVersion: expected ?? { _tag: "Any" },
                  events: decoded.map((d) => d.sent),
                },
                input.idempotencyKey,
              )
        const plan = yield* dryRunStreams(store, byStream, actor, {
          ...options,
          // A repeated request answers its stored result, which met its expectation (checked above).
          expectedVersion:
            replayed === undefined && expected?._tag === "Exact" ? expected.version : undefined,
        })
        return replayed === undefined ? plan : { ...plan, replayed }
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
        const { byStream } = yield* checkBatch(decodeBatch(lines.success, actor), currentState)
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
        const { byStream } = yield* checkBatch(decodeBatch(lines.success, actor), currentState)
        const result = yield* store.append(
          [...byStream].map(([streamId, list]) => ({
            streamId,
            expectedVersion: { _tag: "Any" } as const,
            events: list.map((d) => d.sent),
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
    publish: (
      department: string,
      year: number,
      options: PublishOptions,
    ): Effect.Effect<Seal, ReplayError | PublishRefused | UnknownDepartmentYear | AppendError> =>
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
