/**
 * A dry run of a batch or an import: the events are decoded and decided exactly as a write would
 * (the caller passes what `checkBatch` accepted), then replayed in memory after the stream's stored
 * log — nothing is written. The answer is what the write would do: the versions it would take,
 * the cells of the current document it would change (the projections' diff) and what the caller's
 * checks (the auditor's rules) would find in the document it would produce. So a finance system or
 * an official sees a change's effect on the published figures before committing it.
 *
 * @module
 */
import { Envelope } from "@ledger/domain"
import type { AppendResult, EventStoreShape, LedgerIntegrity, StoreUnavailable } from "@ledger/eventstore"
import { StreamVersionConflict } from "@ledger/eventstore"
import {
  AsOf,
  type DepartmentYears,
  type Disclosure,
  diffDisclosures,
  type DisclosureDiff,
  type LoggedEvent,
  replayYear,
} from "@ledger/projections"
import type { BudgetState } from "@ledger/domain"
import { Effect, Result } from "effect"
import { type ActorChoice, toLogged, toNewEvent } from "./events.ts"
import { readChecked } from "./replay.ts"

/** One decoded event of the batch, as `checkBatch` returns it (see batch-check.ts). */
interface Decoded {
  readonly index: number
  readonly e: Envelope.EnvelopedEvent
}

/** How to dry-run. `C` is what the caller's checks answer (the auditor's `CheckResult`). @category models */
export interface DryRunOptions<C> {
  /** Runs the checks on the document the write would produce. */
  readonly check?: ((doc: Disclosure, state: BudgetState.BudgetState) => C) | undefined
}

/** What a write would do to one stream. @category models */
export interface DryRunStream<C> {
  readonly streamId: string
  /** The versions the new events would take (`fromVersion > toVersion` when none is new). */
  readonly fromVersion: number
  readonly toVersion: number
  readonly appended: number
  readonly skipped: number
  /** The cells and narrative sections of the current document the write would change; null for a new stream. */
  readonly diff: DisclosureDiff | null
  /** The checks of the document after the write; null without a document or without checks. */
  readonly checks: C | null
  /** Why no document can be made after the write (e.g. no department profile yet). */
  readonly notDisclosable?: string | undefined
}

/** A dry run's answer: nothing was written. @category models */
export interface DryRunResult<C> {
  readonly dryRun: true
  readonly streams: ReadonlyArray<DryRunStream<C>>
  /**
   * Set when the dry run's idempotency key already stored this very request: the write would
   * append nothing and answer this stored result (dry-run-key.ts).
   */
  readonly replayed?: AppendResult | undefined
}

/** The events a write would append, as logged events after the stored ones (nothing is stored). */
const wouldAppend = (
  log: ReadonlyArray<LoggedEvent>,
  fresh: ReadonlyArray<Decoded>,
  actor: ActorChoice,
  at: { readonly streamId: string; readonly position: number; readonly recordedAt: string },
): ReadonlyArray<LoggedEvent> => {
  const version = log.at(-1)?.meta.version ?? 0
  return fresh.map((d, i) => {
    const n = toNewEvent(d.e, actor)
    return {
      event: d.e.event,
      meta: {
        streamId: at.streamId,
        version: version + i + 1,
        position: at.position + i + 1,
        eventId: n.eventId,
        occurredAt: n.occurredAt,
        recordedAt: at.recordedAt,
        actor: n.actor,
        hash: "",
      },
    }
  })
}

/** How far back the earlier years of a department are read (as the one replay does). */
const MAX_EARLIER_YEARS = 10

/**
 * Plans the write of `byStream` (what `checkBatch` accepted, grouped by stream) without writing.
 * Each document is replayed as the one replay builds it — with the department's earlier years, so
 * prior-year figures come from the ledger's publication — before and after the batch, the batch's
 * events taking positions after every event read. `expectedVersion` applies to a single-stream
 * batch: another stored version is a conflict, as the write would be.
 * @category constructors
 */
export const dryRunStreams = <C>(
  store: EventStoreShape,
  byStream: ReadonlyMap<string, ReadonlyArray<Decoded>>,
  actor: ActorChoice,
  options: DryRunOptions<C> & { readonly expectedVersion?: number | undefined },
): Effect.Effect<DryRunResult<C>, StoreUnavailable | LedgerIntegrity | StreamVersionConflict> =>
  Effect.gen(function* () {
    const stored = new Map<string, ReadonlyArray<LoggedEvent>>()
    const read = (streamId: string) =>
      Effect.gen(function* () {
        const known = stored.get(streamId)
        if (known !== undefined) return known
        const log = (yield* readChecked(store, streamId)).map(toLogged)
        stored.set(streamId, log)
        return log
      })
    const earlier = new Map<string, ReadonlyArray<readonly [number, ReadonlyArray<LoggedEvent>]>>()
    for (const streamId of byStream.keys()) {
      const key = Envelope.parseStreamId(streamId)
      if (key === undefined) continue
      const list: Array<readonly [number, ReadonlyArray<LoggedEvent>]> = []
      for (let y = key.year - 1; list.length < MAX_EARLIER_YEARS; y--) {
        const id = Envelope.streamIdOf({ department: key.department, year: y })
        if ((yield* read(id)).length === 0 && !byStream.has(id)) break
        list.push([y, stored.get(id) ?? []])
      }
      earlier.set(streamId, list)
    }
    for (const streamId of byStream.keys()) yield* read(streamId)
    let position = Math.max(0, ...[...stored.values()].map((log) => log.at(-1)?.meta.position ?? 0))
    const recordedAt = new Date().toISOString()
    const planned = new Map<string, { readonly fresh: number; readonly added: ReadonlyArray<LoggedEvent> }>()
    for (const [streamId, list] of byStream) {
      const log = stored.get(streamId) ?? []
      const version = log.at(-1)?.meta.version ?? 0
      if (options.expectedVersion !== undefined && options.expectedVersion !== version)
        return yield* Effect.fail(
          new StreamVersionConflict({
            streamId,
            expected: { _tag: "Exact", version: options.expectedVersion },
            actual: version,
          }),
        )
      const keys = new Set(log.map((e) => e.meta.eventId))
      const fresh = list.filter((d) => !keys.has(toNewEvent(d.e, actor).eventId))
      const added = wouldAppend(log, fresh, actor, { streamId, position, recordedAt })
      position += added.length
      planned.set(streamId, { fresh: fresh.length, added })
    }
    const yearsOf = (streamId: string, withBatch: boolean): DepartmentYears => {
      const key = Envelope.parseStreamId(streamId) ?? { department: "", year: 0 }
      const logOf = (id: string) => [
        ...(stored.get(id) ?? []),
        ...(withBatch ? (planned.get(id)?.added ?? []) : []),
      ]
      const years = new Map<number, ReadonlyArray<LoggedEvent>>([[key.year, logOf(streamId)]])
      for (const [y] of earlier.get(streamId) ?? [])
        years.set(y, logOf(Envelope.streamIdOf({ department: key.department, year: y })))
      return years
    }
    const streams: Array<DryRunStream<C>> = []
    for (const [streamId, list] of byStream) {
      const key = Envelope.parseStreamId(streamId) ?? { department: "", year: 0 }
      const log = stored.get(streamId) ?? []
      const version = log.at(-1)?.meta.version ?? 0
      const { added } = planned.get(streamId) ?? { added: [] }
      const before = log.length > 0 ? replayYear(yearsOf(streamId, false), key.year, AsOf.current) : undefined
      const after = replayYear(yearsOf(streamId, true), key.year, AsOf.current)
      const base = {
        streamId,
        fromVersion: version + 1,
        toVersion: version + added.length,
        appended: added.length,
        skipped: list.length - added.length,
      }
      if (Result.isFailure(after)) {
        streams.push({
          ...base,
          diff: null,
          checks: null,
          notDisclosable: after.failure.message || after.failure._tag,
        })
        continue
      }
      const doc = after.success
      streams.push({
        ...base,
        diff: before !== undefined && Result.isSuccess(before) ? diffDisclosures(before.success, doc) : null,
        checks: options.check === undefined ? null : options.check(doc.disclosure, doc.state),
      })
    }
    return { dryRun: true as const, streams }
  })
