/**
 * The store's `NewEvent` contract checked by hand, for the import's hot loop. The COPY path takes
 * events the import has prepared itself (`prepareEvent`) instead of decoding every request again
 * with the Effect Schema, which cost about a third of the import's time; this check keeps that
 * schema's contract on the scalar fields, and `prepareEvent`'s canonicalization refuses a `data`
 * that is not JSON. A property test holds it to `Schema.decodeUnknownResult(NewEvent)` on valid
 * and invalid values.
 *
 * @module
 */
import { SchemaIssues } from "@ledger/domain"
import { ISO_DATE_OR_INSTANT, NewEvent } from "@ledger/eventstore"
import { Result, Schema } from "effect"

/** A field of an event that breaks the `NewEvent` schema, with the schema's message. */
export interface NewEventProblem {
  readonly path: string
  readonly message: string
}

const decode = Schema.decodeUnknownResult(NewEvent)

const text = (value: unknown): boolean => typeof value === "string" && value.length > 0

/** The scalar fields as the schema wants them, and no `metadata` (which only the schema checks). */
const plainlyValid = (e: { readonly [K in keyof NewEvent]?: unknown }): boolean =>
  text(e.eventId) &&
  text(e.type) &&
  typeof e.schemaVersion === "number" &&
  Number.isSafeInteger(e.schemaVersion) &&
  e.schemaVersion >= 1 &&
  typeof e.occurredAt === "string" &&
  ISO_DATE_OR_INSTANT.test(e.occurredAt) &&
  text(e.actor) &&
  text(e.idempotencyKey) &&
  e.metadata === undefined

/**
 * The first field of `e` the `NewEvent` schema refuses, or undefined when it accepts `e` — `data`
 * aside when it is JSON, which `prepareEvent`'s canonicalization checks. The common case (every
 * scalar field fine, no metadata) is decided by hand; anything else goes to the schema itself, so
 * the verdict and the message are the schema's.
 * @category validation
 */
export const newEventProblem = (e: { readonly [K in keyof NewEvent]?: unknown }):
  NewEventProblem | undefined => {
  if (plainlyValid(e)) return undefined
  const decoded = decode(e)
  if (Result.isSuccess(decoded)) return undefined
  const first = SchemaIssues.fieldIssues(decoded.failure)[0]
  return { path: SchemaIssues.dotted(first?.path ?? []), message: first?.message ?? decoded.failure.message }
}
