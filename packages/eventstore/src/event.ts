/**
 * The envelope the store keeps for every event, as Effect Schemas. The store is generic: `data`
 * is any JSON value and the budget domain lives elsewhere. Types are derived from the schemas.
 */
import { Schema } from "effect"

const Text = Schema.NonEmptyString

/**
 * The text of {@link IsoDateOrInstant}, for a caller that checks it by hand on a hot path (the
 * import) and must agree with the schema. @category models
 */
export const ISO_DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$/

/** Business date `YYYY-MM-DD` or UTC instant `YYYY-MM-DDTHH:MM:SS(.sss)Z`. @category models */
export const IsoDateOrInstant = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(ISO_DATE_OR_INSTANT, {
      description: "a date YYYY-MM-DD or a UTC instant YYYY-MM-DDTHH:MM:SS(.sss)Z",
    }),
  ),
)

/** An event as a writer submits it. `idempotencyKey` is unique within its stream. @category models */
export const NewEvent = Schema.Struct({
  eventId: Text,
  type: Text,
  schemaVersion: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  occurredAt: IsoDateOrInstant,
  actor: Text,
  idempotencyKey: Text,
  data: Schema.Json,
  metadata: Schema.optional(Schema.Record(Schema.String, Schema.Json)),
})
/** @category models */
export type NewEvent = typeof NewEvent.Type

/**
 * An event as the store returns it. Everything except `position` and `hash` is parsed from
 * `canonical`, the exact text that was hashed, so what a projection reads is what the chain covers.
 * @category models
 */
export const StoredEvent = Schema.Struct({
  ...NewEvent.fields,
  streamId: Text,
  version: Schema.Int,
  position: Schema.Int,
  recordedAt: Schema.String,
  prevHash: Schema.String,
  hash: Schema.String,
  canonical: Schema.String,
})
/** @category models */
export type StoredEvent = typeof StoredEvent.Type

/** What the writer believes the stream's version is. `Exact 0` is the same as `NoStream`. @category models */
export const ExpectedVersion = Schema.Union([
  Schema.Struct({
    _tag: Schema.tag("Exact"),
    version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  }),
  Schema.Struct({ _tag: Schema.tag("NoStream") }),
  Schema.Struct({ _tag: Schema.tag("Any") }),
])
/** @category models */
export type ExpectedVersion = typeof ExpectedVersion.Type

/** Constructors for {@link ExpectedVersion}. @category constructors */
export const Expected = {
  exact: (version: number): ExpectedVersion => ({ _tag: "Exact", version }),
  noStream: { _tag: "NoStream" } as ExpectedVersion,
  any: { _tag: "Any" } as ExpectedVersion,
} as const

/** Events for one stream within an append call. @category models */
export const AppendRequest = Schema.Struct({
  streamId: Text,
  expectedVersion: ExpectedVersion,
  events: Schema.Array(NewEvent).pipe(Schema.check(Schema.isMinLength(1))),
})
/** @category models */
export type AppendRequest = typeof AppendRequest.Type

/** Options of every append: the request-level idempotency key (the HTTP `Idempotency-Key`). @category models */
export const AppendOptions = Schema.Struct({ idempotencyKey: Text })
/** @category models */
export type AppendOptions = typeof AppendOptions.Type

/**
 * Outcome per stream: versions `fromVersion..toVersion` were written (`appended` events; none when
 * `appended` is 0), `skipped` events were already stored under their idempotency key.
 * @category models
 */
export const StreamAppendResult = Schema.Struct({
  streamId: Schema.String,
  fromVersion: Schema.Int,
  toVersion: Schema.Int,
  appended: Schema.Int,
  skipped: Schema.Int,
})

/** The result of an append; replayed unchanged for a repeated request with the same key and body. @category models */
export const AppendResult = Schema.Struct({
  streams: Schema.Array(StreamAppendResult),
  positions: Schema.Array(Schema.Int),
  firstPosition: Schema.NullOr(Schema.Int),
  lastPosition: Schema.NullOr(Schema.Int),
})
/** @category models */
export type AppendResult = typeof AppendResult.Type

/**
 * A consistency token: the caller has seen the log up to this global position (e.g. the
 * `lastPosition` its own append returned), so a read must reflect at least that much. A single
 * store always does; a store reading from replicas waits for one that has replayed it or asks
 * the primary. @category models
 */
export interface Consistency {
  readonly minPosition?: number | undefined
}

/** Options of `readStream`. @category models */
export interface ReadStreamOptions extends Consistency {
  readonly fromVersion?: number | undefined
}

/** Options of `readAll`: events strictly after `fromPosition` (default 0), at most `limit`. @category models */
export interface ReadAllOptions extends Consistency {
  readonly fromPosition?: number | undefined
  /**
   * At most this many events (default: all). A reader paging through the log does best with pages
   * of a few thousand: a page is alive until its reader is done with it, and a page of 10,000
   * decoded events outgrows V8's young generation, which then copies it (≈ 30 % more CPU an event).
   */
  readonly limit?: number | undefined
}

/** The head of a stream. @category models */
export interface StreamHead {
  readonly streamId: string
  readonly version: number
  readonly position: number
  readonly hash: string
}

/** Why `verify` rejected a stream. @category models */
export type VerifyFailureReason =
  "payload-modified" | "event-deleted" | "reordered" | "inserted" | "index-mismatch" | "recorded-at-decreased"

/** `verify`'s answer: all chains intact, or the first bad event (lowest position). @category models */
export type VerifyResult =
  | { readonly ok: true; readonly checked: number; readonly streams: number }
  | {
      readonly ok: false
      readonly streamId: string
      readonly position: number
      readonly version: number
      readonly reason: VerifyFailureReason
      readonly detail: string
    }

/**
 * Sortable key of an `occurredAt` value (UTC instant with milliseconds; a bare date is its start),
 * stored beside each event and checked by `verify`. As-of selection is not the store's: the one
 * `AsOf` lives in `@ledger/projections` and the one replay in `@ledger/service` applies it.
 * @category constructors
 */
export const occurredAtKey = (value: string): string => {
  if (value.length === 10) return `${value}T00:00:00.000Z`
  return value.length === 20 ? `${value.slice(0, 19)}.000Z` : value
}
