/**
 * The in-memory event store: the reference semantics of the port, for unit tests and library
 * users. JavaScript runs one append at a time, so each append is atomic by construction.
 * `recordedAt` comes from the injected Effect `Clock`, held at the last value when it goes back.
 */
import { Clock, Effect, Layer, Result } from "effect"
import { IdempotencyConflict, LedgerIntegrity, StoreUnavailable, StreamVersionConflict } from "./errors.ts"
import type { AppendError } from "./errors.ts"
import type { AppendResult, StreamHead, VerifyResult } from "./event.ts"
import { EventStore } from "./event-store.ts"
import type { EventStoreShape } from "./event-store.ts"
import { chainCanonical, GENESIS_HASH, sha256Hex } from "./hash.ts"
import { prepareAppend } from "./prepare.ts"
import { decodeStoredRow } from "./stored-row.ts"
import type { StoredRow } from "./stored-row.ts"
import { makeChainVerifier } from "./verify-chain.ts"
import type { RecordedHead } from "./verify-chain.ts"

/** The raw state, exposed only to the tamper hook. @category models */
export interface MemoryState {
  rows: Array<StoredRow>
  readonly heads: Map<string, RecordedHead>
}

/** The in-memory store plus a test hook that edits raw rows, as an attacker with database access would. @category models */
export interface MemoryEventStore extends EventStoreShape {
  readonly unsafeTamper: (edit: (state: MemoryState) => void) => void
}

const closedError = new StoreUnavailable({ reason: "the store was closed" })

/** Creates an empty in-memory store. @category constructors */
export const makeMemoryEventStore = (): MemoryEventStore => {
  const state: MemoryState = { rows: [], heads: new Map() }
  const byKey = new Map<string, StoredRow>()
  const requests = new Map<string, { requestHash: string; result: AppendResult }>()
  let nextPosition = 1
  let closed = false

  const appendNow = (
    prepared: ReturnType<typeof prepareAppend>,
  ): Result.Result<AppendResult, AppendError> => {
    if (Result.isFailure(prepared)) return Result.fail(prepared.failure)
    const p = prepared.success
    const earlier = requests.get(p.idempotencyKey)
    if (earlier !== undefined) {
      return earlier.requestHash === p.requestHash
        ? Result.succeed(earlier.result)
        : Result.fail(new IdempotencyConflict({ key: p.idempotencyKey, scope: "append" }))
    }
    const plans = []
    for (const stream of p.streams) {
      const current = state.heads.get(stream.streamId)?.version ?? 0
      const fresh = []
      for (const event of stream.events) {
        const stored = byKey.get(`${stream.streamId}\u0000${event.idempotencyKey}`)
        if (stored === undefined) fresh.push(event)
        else if (stored.bodyHash !== event.bodyHash) {
          return Result.fail(new IdempotencyConflict({ key: event.idempotencyKey, scope: "event" }))
        }
      }
      const ev = stream.expectedVersion
      const met = ev._tag === "Any" || (ev._tag === "NoStream" ? current === 0 : current === ev.version)
      if (fresh.length > 0 && !met) {
        return Result.fail(
          new StreamVersionConflict({ streamId: stream.streamId, expected: ev, actual: current }),
        )
      }
      plans.push({
        stream,
        current,
        fresh,
        skipped: stream.duplicatesInRequest + stream.events.length - fresh.length,
      })
    }
    const positions: Array<number> = []
    const streams = plans.map(({ stream, current, fresh, skipped }) => {
      let prevHash = state.heads.get(stream.streamId)?.hash ?? GENESIS_HASH
      fresh.forEach((event, i) => {
        const version = current + i + 1
        const canonical = chainCanonical(event.content, prevHash, version)
        const row: StoredRow = {
          position: nextPosition++,
          streamId: stream.streamId,
          version,
          eventId: event.eventId,
          type: event.type,
          idempotencyKey: event.idempotencyKey,
          occurredKey: event.occurredKey,
          recordedAt: p.recordedAt,
          bodyHash: event.bodyHash,
          canonical,
          prevHash,
          hash: sha256Hex(canonical),
        }
        state.rows.push(row)
        byKey.set(`${stream.streamId}\u0000${event.idempotencyKey}`, row)
        state.heads.set(stream.streamId, { version, hash: row.hash, position: row.position })
        positions.push(row.position)
        prevHash = row.hash
      })
      const toVersion = current + fresh.length
      return {
        streamId: stream.streamId,
        fromVersion: current + 1,
        toVersion,
        appended: fresh.length,
        skipped,
      }
    })
    const result: AppendResult = {
      streams,
      positions,
      firstPosition: positions[0] ?? null,
      lastPosition: positions.at(-1) ?? null,
    }
    requests.set(p.idempotencyKey, { requestHash: p.requestHash, result })
    return Result.succeed(result)
  }

  const guard = <A>(f: () => A): Effect.Effect<A, StoreUnavailable> =>
    Effect.suspend(() => (closed ? Effect.fail(closedError) : Effect.succeed(f())))

  /** A read: a row that does not decode (tampered through `rows`) fails it as broken history. */
  const read = <A>(f: () => A): Effect.Effect<A, StoreUnavailable | LedgerIntegrity> =>
    Effect.suspend((): Effect.Effect<A, StoreUnavailable | LedgerIntegrity> => {
      if (closed) return Effect.fail(closedError)
      try {
        return Effect.succeed(f())
      } catch (error) {
        if (error instanceof LedgerIntegrity) return Effect.fail(error)
        throw error
      }
    })

  const headOf = (streamId: string): StreamHead | undefined => {
    const h = state.heads.get(streamId)
    return h && { streamId, version: h.version, position: h.position, hash: h.hash }
  }

  return {
    append: (requests, options) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (closed) return Effect.fail(closedError)
        // Like the database clock: recordedAt never decreases along the log, whatever the Clock does.
        const last = state.rows.at(-1)?.recordedAt
        const stamp = last === undefined ? now : Math.max(now, Date.parse(last))
        return Effect.fromResult(appendNow(prepareAppend(requests, options, stamp)))
      }),
    readStream: (streamId, options = {}) =>
      read(() => {
        const from = options.fromVersion ?? 1
        return state.rows
          .filter((r) => r.streamId === streamId && r.version >= from)
          .sort((a, b) => a.version - b.version)
          .map(decodeStoredRow)
      }),
    readAll: (options = {}) =>
      read(() => {
        const from = options.fromPosition ?? 0
        const out = []
        for (const r of state.rows) {
          if (options.limit !== undefined && out.length >= options.limit) break
          if (r.position > from) out.push(decodeStoredRow(r))
        }
        return out
      }),
    listStreams: () =>
      guard(() =>
        [...state.heads.keys()]
          .sort()
          .map(headOf)
          .filter((h) => h !== undefined),
      ),
    head: (streamId) => guard(() => headOf(streamId)),
    storedRequestHash: (key) => guard(() => requests.get(key)?.requestHash),
    verify: () =>
      guard((): VerifyResult => {
        const verifier = makeChainVerifier()
        for (const r of [...state.rows].sort((a, b) => a.position - b.position)) verifier.row(r)
        for (const [id, head] of state.heads) verifier.head(id, head)
        return verifier.result()
      }),
    close: () =>
      Effect.sync(() => {
        closed = true
      }),
    unsafeTamper: (edit) => edit(state),
  }
}

/** A Layer providing a fresh in-memory {@link EventStore}. @category layers */
export const layerMemory: Layer.Layer<EventStore> = Layer.sync(EventStore, makeMemoryEventStore)
