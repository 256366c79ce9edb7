/**
 * The streaming import: NDJSON lines of any number are decoded, rule-checked against their
 * stream's state and appended in batches, with memory bounded by one batch and the states of the
 * streams in flight — not by the file. All or nothing per file: on a store that can run a
 * transaction every batch is appended inside one, so a bad line at event 900,000 writes nothing;
 * on a store that cannot (the in-memory store) the batches are held and appended in one call at
 * the end. Where the transaction's store has a bulk path (COPY on PostgreSQL) the batches go
 * through it.
 *
 * @module
 */
import { BudgetState, CanonicalJson, Envelope, Taxonomy } from "@ledger/domain"
import { NotCanonicalJson, prepareEvent } from "@ledger/eventstore"
import type {
  AppendError,
  AppendRequest,
  AppendResult,
  EventStoreShape,
  ExpectedVersion,
  LedgerIntegrity,
  NewEvent,
  PreparedEvent,
  StoreUnavailable,
} from "@ledger/eventstore"
import { foldLogged } from "@ledger/projections"
import { Effect, Fiber, Result } from "effect"
import { setFlagsFromString } from "node:v8"
import { BatchRejected, type BatchIssue } from "./errors.ts"
import { type ActorChoice, bodyOf, makeToLogged, toNewEvent } from "./events.ts"
import { type BulkEvent, toBulk } from "./import-bulk.ts"
import type { ImportResult } from "./ledger-service.ts"
import { newEventProblem } from "./new-event-check.ts"
import { checkRules } from "./rules.ts"

/**
 * A store that can run several appends as one transaction: they all commit, or none does.
 * The PostgreSQL and PGlite stores have it; `body` gets a store bound to the transaction.
 * @category models
 */
export interface TransactionalStore {
  readonly transaction: <A, E>(
    body: (store: EventStoreShape) => Effect.Effect<A, E>,
  ) => Effect.Effect<A, E | StoreUnavailable>
}

/**
 * A transaction's store that can also write a large append by a faster path (PostgreSQL's COPY,
 * `@ledger/store-postgres`): the same contract as `append`, without the request-level replay
 * record. The import uses it when the transaction's store has it.
 * @category models
 */
interface BulkAppendStore {
  readonly appendBulk: EventStoreShape["append"]
  /**
   * The same for events the import has validated and prepared itself (`prepareEvent`), so they
   * are not decoded and canonicalized a second time: any expected version, each stream once.
   */
  readonly appendPrepared: (
    streams: ReadonlyArray<{
      readonly streamId: string
      readonly events: ReadonlyArray<BulkEvent>
      readonly expectedVersion?: ExpectedVersion
    }>,
    options: { readonly idempotencyKey: string },
  ) => Effect.Effect<AppendResult, AppendError>
}

/** How far an import has got, reported every `progressEvery` lines. @category models */
export interface ImportProgress {
  readonly lines: number
  readonly appended: number
  /** Bytes of the file read so far (UTF-8, with line ends). */
  readonly bytes: number
}

/** Options of {@link importLines}. @category models */
export interface ImportLinesOptions {
  readonly actor?: string | undefined
  readonly idempotencyKey: string
  /** Events per append call (default 5,000; 10,000 on the bulk path). */
  readonly batchSize?: number | undefined
  readonly onProgress?: ((p: ImportProgress) => void) | undefined
  readonly progressEvery?: number | undefined
}

const MAX_ISSUES = 100
/** Stream states kept between batches; a stream evicted and met again is read back in the transaction. */
const MAX_STATES = 64

interface StreamState {
  /**
   * The stream's state as a running fold: each event costs itself alone (`BudgetState.evolve` per
   * event copied the state's maps every time, quadratic in the stream's length).
   */
  readonly fold: BudgetState.RunningFold
  /** SHA-256 of the canonical body of every stored or accepted event, by idempotency key. */
  readonly bodies: Map<string, string>
  readonly taxonomy: Taxonomy.Taxonomy | undefined
  readonly key: Envelope.StreamKey
}

/**
 * Stored events read back into a stream's state, decoded without the shared decode memo: each
 * stream is read once (again only after its state was evicted), so a memo would only keep up to
 * 20,000 canonical texts and decoded events alive for nothing — a re-import into a full ledger
 * filled it.
 */
const decodeStored = makeToLogged(0)

const noStream: ExpectedVersion = { _tag: "NoStream" }
const anyVersion: ExpectedVersion = { _tag: "Any" }

/** Lines pulled from the source per step. */
const CHUNK = 256

/** Up to `n` lines from `iterator`, and whether it has ended. */
const take = async (
  iterator: AsyncIterator<string>,
  n: number,
): Promise<{ readonly lines: ReadonlyArray<string>; readonly done: boolean }> => {
  const lines: Array<string> = []
  while (lines.length < n) {
    const next = await iterator.next()
    if (next.done === true) return { lines, done: true }
    lines.push(next.value)
  }
  return { lines, done: false }
}

/**
 * How much V8 may grow its heap over what survived the last full collection while an import runs,
 * in percent (100: to twice the live set). V8's own factor is up to 4× when the heap limit is large
 * (the default on a machine with ≥ 16 GB), so with 70–100 MiB live — the module graph, two
 * batches, the stream states — the heap filled with 300–550 MiB of garbage before a full
 * collection, and the import's peak resident memory (475–715 MiB for the 1 GB province) depended on
 * when that came. The live set is bounded by the batch size and the number of stream states, not by
 * the file, so bounding the growth over it bounds the heap for any file. 100 rather than less:
 * at 25 % the full collections cost ≈ 20 % more CPU for 35 MiB less (measured, 57,544 events).
 */
const HEAP_GROWING_PERCENT = 100
let boundedImports = 0

/**
 * Runs `effect` with V8's heap growth bounded ({@link HEAP_GROWING_PERCENT}) and gives V8 its own
 * heuristics back when the last running import ends. `--heap-growing-percent` is read at every
 * full collection, so setting it at run time takes effect (unlike `--max-old-space-size`, fixed
 * when the heap is set up).
 */
const withBoundedHeap = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.suspend(() => {
    if (boundedImports++ === 0) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
    return Effect.ensuring(
      effect,
      Effect.sync(() => {
        if (--boundedImports === 0) setFlagsFromString("--heap-growing-percent=0")
      }),
    )
  })

const kindOf = (
  issues: ReadonlyArray<BatchIssue & { kind: BatchRejected["kind"] }>,
): BatchRejected["kind"] =>
  issues.some((i) => i.kind === "malformed")
    ? "malformed"
    : issues.some((i) => i.kind === "invalid")
      ? "invalid"
      : "rule-violation"

/**
 * Imports NDJSON lines (without their line ends) from any async source.
 * @category constructors
 */
export const importLines = (
  store: EventStoreShape & Partial<TransactionalStore>,
  source: AsyncIterable<string>,
  options: ImportLinesOptions,
): Effect.Effect<ImportResult, BatchRejected | AppendError | LedgerIntegrity> => {
  const run = (tx: EventStoreShape & Partial<BulkAppendStore>, atOnce: boolean) => {
    // One append in flight while the next batch is read and checked (the database and Node work
    // at once); `sent` names the streams of the batch in flight, which must be settled before such
    // a stream is read back (only that batch's: each flush settles the one before, so the set does
    // not grow with the file). Whatever happens, the import ends only when it has settled.
    let inFlight: Fiber.Fiber<void, AppendError> | undefined
    const sent = new Set<string>()
    const settle = Effect.suspend(() => {
      const fiber = inFlight
      inFlight = undefined
      return fiber === undefined ? Effect.void : Fiber.join(fiber)
    })
    const body = Effect.gen(function* () {
      const actor: ActorChoice = { fallback: options.actor }
      const bulk = tx.appendBulk !== undefined
      // On the COPY path each event is prepared here once (its body hash is the idempotency check's
      // too) and handed over as it is; elsewhere the store prepares what `append` is given.
      const prepared = atOnce ? undefined : tx.appendPrepared
      const append = tx.appendBulk ?? tx.append
      const batchSize = atOnce ? Number.POSITIVE_INFINITY : (options.batchSize ?? (bulk ? 10_000 : 5_000))
      const every = options.progressEvery ?? 10_000
      const issues: Array<BatchIssue & { kind: BatchRejected["kind"] }> = []
      const states = new Map<string, StreamState>()
      let pending = new Map<string, Array<NewEvent | BulkEvent>>()
      let pendingCount = 0
      let batch = 0
      let lines = 0
      let events = 0
      let bytes = 0
      let appended = 0
      let skipped = 0
      const ranges = new Map<string, { fromVersion: number; toVersion: number }>()
      // On the COPY path: the streams that existed when the import began (one listing, the size of
      // the ledger's stream list, not of the file), and those of the states taken to be empty
      // whose first batch is not yet handed to the store.
      const existing =
        prepared === undefined ? undefined : new Set((yield* tx.listStreams()).map((h) => h.streamId))
      const assumedEmpty = new Set<string>()

      const flush = Effect.gen(function* () {
        if (pendingCount === 0 || issues.length > 0) return
        const streams = [...pending]
        pending = new Map()
        pendingCount = 0
        batch++
        yield* settle
        sent.clear()
        for (const [streamId] of streams) sent.add(streamId)
        const idempotencyKey = `${options.idempotencyKey}:${batch}`
        const call =
          prepared !== undefined
            ? prepared(
                streams.map(([streamId, list]) => ({
                  streamId,
                  events: list as Array<BulkEvent>,
                  // A stream taken to be empty must still be: another writer's events would have
                  // escaped the rules this batch was checked against.
                  expectedVersion: assumedEmpty.delete(streamId) ? noStream : anyVersion,
                })),
                { idempotencyKey },
              )
            : append(
                streams.map(([streamId, list]): AppendRequest => ({
                  streamId,
                  expectedVersion: { _tag: "Any" },
                  events: list as Array<NewEvent>,
                })),
                { idempotencyKey },
              )
        const write = Effect.map(call, (result) => {
          for (const s of result.streams) {
            appended += s.appended
            skipped += s.skipped
            if (s.appended === 0) continue
            const range = ranges.get(s.streamId)
            ranges.set(s.streamId, {
              fromVersion: range?.fromVersion ?? s.fromVersion,
              toVersion: s.toVersion,
            })
          }
        })
        inFlight = yield* Effect.forkDetach(write)
      })

      /**
       * A stream's state read from the store (its earlier events, in this transaction). On the
       * COPY path a stream that did not exist when the import began and that the import has not
       * written is not read: it is empty, and its first batch is appended expecting no stream, so
       * another writer's events in between make the database refuse the import rather than slip
       * past the rules. Reading it cost most of the import's time: the transaction's one connection
       * runs the batch in flight's COPY and commit first, and Node waited idle for them at every
       * new stream — on the province file, every 300 or so lines.
       */
      const load = (streamId: string, key: Envelope.StreamKey) =>
        Effect.gen(function* () {
          const absent =
            existing !== undefined && !existing.has(streamId) && !sent.has(streamId) && !ranges.has(streamId)
          if (sent.has(streamId)) yield* settle
          const stored = absent ? [] : yield* tx.readStream(streamId)
          if (absent) assumedEmpty.add(streamId)
          const taxonomy = Taxonomy.forYear(key.year)
          const entry: StreamState = {
            fold: BudgetState.folder(foldLogged(stored.map(decodeStored))),
            bodies: new Map(stored.map((e) => [e.idempotencyKey, CanonicalJson.sha256Hex(bodyOf(e))])),
            taxonomy: Result.isSuccess(taxonomy) ? taxonomy.success : undefined,
            key,
          }
          // Evict the least recently used stream that has nothing waiting to be appended.
          if (states.size >= MAX_STATES) {
            for (const id of states.keys())
              if (!pending.has(id)) {
                states.delete(id)
                assumedEmpty.delete(id)
                break
              }
          }
          states.set(streamId, entry)
          return entry
        })

      let lastStream = ""
      const iterator = source[Symbol.asyncIterator]()
      for (;;) {
        // Lines are pulled a chunk at a time, so the per-line work below is plain code, not an effect.
        const chunk = yield* Effect.promise(() => take(iterator, CHUNK))
        for (const raw of chunk.lines) {
          lines++
          bytes += Buffer.byteLength(raw) + 1
          if (options.onProgress !== undefined && lines % every === 0)
            options.onProgress({ lines, appended: appended + pendingCount, bytes })
          if (raw.trim() === "") continue
          const line = lines
          const index = events++
          const report = (kind: BatchRejected["kind"], issue: Omit<BatchIssue, "index" | "line">) => {
            if (issues.length < MAX_ISSUES) issues.push({ kind, index, line, ...issue })
          }
          let value: unknown
          try {
            value = JSON.parse(raw) as unknown
          } catch (e) {
            report("malformed", { path: "", message: `not valid JSON: ${(e as Error).message}` })
            continue
          }
          const decoded = Envelope.decodeWireEvent(value, raw)
          if (Result.isFailure(decoded)) {
            for (const i of decoded.failure.issues) report("invalid", { path: i.path, message: i.message })
            continue
          }
          const e = decoded.success
          const streamId = Envelope.streamIdOf(e.meta.stream)
          let s = states.get(streamId)
          if (s === undefined) s = yield* load(streamId, e.meta.stream)
          else if (streamId !== lastStream) {
            states.delete(streamId)
            states.set(streamId, s)
          }
          lastStream = streamId
          if (s.taxonomy === undefined) {
            report("rule-violation", { path: "stream.year", message: `no taxonomy for ${s.key.year}` })
            continue
          }
          const event = toNewEvent(e, actor)
          let entry: NewEvent | PreparedEvent = event
          let bodyHash: string
          if (prepared !== undefined) {
            const problem = newEventProblem(event)
            if (problem !== undefined) {
              report("invalid", problem)
              continue
            }
            try {
              entry = prepareEvent(event, streamId)
            } catch (error) {
              if (!(error instanceof NotCanonicalJson)) throw error
              report("invalid", { path: error.path, message: error.message })
              continue
            }
            bodyHash = entry.bodyHash
          } else bodyHash = CanonicalJson.sha256Hex(bodyOf(event))
          const stored = s.bodies.get(e.meta.idempotencyKey)
          if (stored !== undefined) {
            if (stored !== bodyHash)
              report("rule-violation", {
                path: "idempotencyKey",
                message: `"${e.meta.idempotencyKey}" was already used for an event with another body`,
                rule: "IdempotencyConflict",
              })
            else skipped++
            continue
          }
          const problem = checkRules(e, s.fold.state(), {
            taxonomy: s.taxonomy,
            year: s.key.year,
            department: s.key.department,
          })
          if (problem !== undefined) {
            report("rule-violation", problem)
            continue
          }
          s.fold.apply(e.event)
          s.bodies.set(e.meta.idempotencyKey, bodyHash)
          if (issues.length > 0) continue
          const item = prepared !== undefined ? toBulk(entry as PreparedEvent) : entry
          const list = pending.get(streamId)
          if (list === undefined) pending.set(streamId, [item])
          else list.push(item)
          pendingCount++
          if (pendingCount >= batchSize) yield* flush
        }
        if (chunk.done) break
      }
      if (issues.length === 0 && events === 0)
        issues.push({ kind: "malformed", index: 0, line: 1, path: "", message: "the file has no events" })
      if (issues.length > 0) {
        const kind = kindOf(issues)
        return yield* Effect.fail(new BatchRejected({ kind, issues: issues.map(({ kind: _k, ...i }) => i) }))
      }
      yield* flush
      yield* settle
      options.onProgress?.({ lines, appended, bytes })
      return {
        lines: events,
        appended,
        skipped,
        streams: [...ranges].map(([streamId, r]) => ({ streamId, ...r })),
      } satisfies ImportResult
    })
    return Effect.ensuring(body, Effect.ignore(settle))
  }

  return withBoundedHeap(
    store.transaction !== undefined ? store.transaction((tx) => run(tx, false)) : run(store, true),
  )
}
