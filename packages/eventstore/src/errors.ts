/**
 * The typed failures of the event-store port. Every backend fails with exactly these, so callers
 * (the API's single error mapper, the CLI) handle one set whatever the storage is.
 */
import { Data } from "effect"
import type { ExpectedVersion } from "./event.ts"

/**
 * Another writer moved the stream on: `expected` was not met, `actual` is the stream's version now.
 * @category errors
 */
export class StreamVersionConflict extends Data.TaggedError("StreamVersionConflict")<{
  readonly streamId: string
  readonly expected: ExpectedVersion
  readonly actual: number
}> {
  override get message(): string {
    return `stream ${this.streamId}: expected ${describeExpected(this.expected)}, actual version ${this.actual}`
  }
}

/**
 * An idempotency key was reused with a different body (append-level or per-event key). Nothing was written.
 * @category errors
 */
export class IdempotencyConflict extends Data.TaggedError("IdempotencyConflict")<{
  readonly key: string
  readonly scope: "append" | "event"
}> {
  override get message(): string {
    return `idempotency key ${JSON.stringify(this.key)} was already used with a different body`
  }
}

/**
 * The store cannot be reached or was closed; raised within a bounded time, never a hang.
 * @category errors
 */
export class StoreUnavailable extends Data.TaggedError("StoreUnavailable")<{ readonly reason: string }> {
  override get message(): string {
    return `event store unavailable: ${this.reason}`
  }
}

/**
 * The database schema was written by a newer release than this code knows; the store refuses to open it.
 * @category errors
 */
export class SchemaTooNew extends Data.TaggedError("SchemaTooNew")<{
  readonly found: number
  readonly known: number
}> {
  override get message(): string {
    return `database schema version ${this.found} is newer than this release knows (${this.known}); upgrade the software`
  }
}

/**
 * An append request or event failed validation; `path` names the field, e.g. `requests[0].events[3].occurredAt`.
 * @category errors
 */
export class InvalidEvent extends Data.TaggedError("InvalidEvent")<{
  readonly path: string
  readonly message: string
}> {}

/** Every error an append can fail with. @category errors */
export type AppendError = StreamVersionConflict | IdempotencyConflict | StoreUnavailable | InvalidEvent

/** Human form of an expected version, for messages. */
export const describeExpected = (expected: ExpectedVersion): string =>
  expected._tag === "Exact"
    ? `version ${expected.version}`
    : expected._tag === "NoStream"
      ? "no stream"
      : "any version"

/**
 * A read found history that does not match its hash chain (an event changed, deleted, reordered
 * or inserted behind the store's back). Nothing built from it may be served, cached or sealed.
 * @category errors
 */
export class LedgerIntegrity extends Data.TaggedError("LedgerIntegrity")<{
  readonly streamId: string
  readonly position: number
  readonly version: number
  readonly reason: string
  readonly detail: string
}> {
  override get message(): string {
    return `history of stream ${this.streamId} is broken at position ${this.position} (version ${this.version}): ${this.reason} — ${this.detail}`
  }
}
