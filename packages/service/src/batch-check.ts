/**
 * A batch's way to the store, in two steps: `decodeBatch` decodes every event and makes its store
 * form once (pure; it needs no state, so an append does it before waiting for its stream's turn),
 * and `checkBatch` checks the decoded events against a stream state — idempotency keys, event ids,
 * the domain rules, each event against the running state its predecessors left. A write, a dry
 * run and an import all go through both, so they refuse the same batches with the same issues.
 *
 * @module
 */
import { BudgetState, Envelope, Taxonomy } from "@ledger/domain"
import type { LedgerIntegrity, NewEvent, StoreUnavailable } from "@ledger/eventstore"
import { Effect, Result } from "effect"
import { BatchRejected, type BatchIssue } from "./errors.ts"
import { type ActorChoice, bodyOf, toNewEvent } from "./events.ts"
import { checkRules } from "./rules.ts"
import type { StreamSnapshot } from "./state-cache.ts"
import { yearsNeeded } from "./years.ts"

/** One decoded event of a batch, with its place in the request (index) or file (line). @category models */
export interface Decoded {
  readonly index: number
  readonly line?: number | undefined
  readonly e: Envelope.EnvelopedEvent
  /** What is sent to the store for it (made once: its derived event id costs a SHA-256). */
  readonly sent: NewEvent
}

/** A decoded batch: its events by stream, and the issues of those that did not decode. @category models */
export interface DecodedBatch {
  readonly decoded: ReadonlyArray<Decoded>
  readonly byStream: ReadonlyMap<string, ReadonlyArray<Decoded>>
  readonly issues: ReadonlyArray<BatchIssue>
}

/** What a stream's part of a batch was checked against, which of its events are new, and the state after them. @category models */
export interface Checked {
  readonly snapshot: StreamSnapshot
  readonly fresh: ReadonlyArray<Decoded>
  readonly state: BudgetState.BudgetState
}

/** A stream's snapshot as of its head (the state cache's `current`, or what a caller knows better). */
export type CurrentOf = (
  streamId: string,
) => Effect.Effect<StreamSnapshot, StoreUnavailable | LedgerIntegrity>

/**
 * Decodes every item; with `expectStream`, an event of another stream is an issue.
 * @category constructors
 */
export const decodeBatch = (
  items: ReadonlyArray<{ readonly value: unknown; readonly line?: number | undefined }>,
  actor: ActorChoice,
  expectStream?: Envelope.StreamKey,
): DecodedBatch => {
  const issues: Array<BatchIssue> = []
  const decoded: Array<Decoded> = []
  items.forEach((item, index) => {
    const r = Envelope.decodeWireEvent(item.value)
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
    decoded.push({ index, line: item.line, e: r.success, sent: toNewEvent(r.success, actor) })
  })
  const byStream = new Map<string, Array<Decoded>>()
  for (const d of decoded) {
    const id = Envelope.streamIdOf(d.e.meta.stream)
    const list = byStream.get(id)
    if (list === undefined) byStream.set(id, [d])
    else list.push(d)
  }
  return { decoded, byStream, issues }
}

/**
 * Checks a decoded batch against each stream's state as `current` gives it; nothing is written.
 * The rules also run when some events did not decode, so one round trip reports every issue.
 * @category constructors
 */
export const checkBatch = (
  batch: DecodedBatch,
  current: CurrentOf,
): Effect.Effect<
  {
    readonly decoded: ReadonlyArray<Decoded>
    readonly byStream: ReadonlyMap<string, ReadonlyArray<Decoded>>
    readonly checked: ReadonlyMap<string, Checked>
  },
  BatchRejected | StoreUnavailable | LedgerIntegrity
> =>
  Effect.gen(function* () {
    const { decoded, byStream } = batch
    const issues = [...batch.issues]
    const undecoded = issues.length > 0
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
          if (stored !== bodyOf(d.sent)) {
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
        const eventId = d.sent.eventId
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
