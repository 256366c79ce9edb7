/**
 * The arguments of one `ledger_append` call, built from a prepared append in Node. The pg pool
 * (`pg-append.ts`) and the Kysely call (PGlite, a transaction's connection) send the same ones.
 */
import type { PreparedAppend } from "@ledger/eventstore"

/** The arguments of one `ledger_append` call, in its parameter order. @category models */
export interface AppendCall {
  readonly key: string
  readonly requestHash: string
  readonly recordedAt: string
  readonly streams: ReadonlyArray<string>
  readonly expected: ReadonlyArray<number>
  readonly counts: ReadonlyArray<number>
  readonly dups: ReadonlyArray<number>
  readonly eventIds: ReadonlyArray<string>
  readonly types: ReadonlyArray<string>
  readonly keys: ReadonlyArray<string>
  readonly occurred: ReadonlyArray<string>
  readonly bodyHashes: ReadonlyArray<string>
  /** One text joined by U+001E, or the array when some content holds that character. */
  readonly contents: string | ReadonlyArray<string>
}

/**
 * U+001E, between the event contents of one `ledger_append` call: canonical JSON escapes every
 * control character (only the clock's U+0001 placeholder is raw), so no content contains it, and
 * the contents travel as one text split by `string_to_array` in the server. node-postgres writes a
 * text array element by element with two escaping passes, ≈ 10 µs per 0.5 KB content — more than
 * preparing the event.
 */
const CONTENT_SEPARATOR = "\u001e"

/**
 * The `ledger_append` arguments of a prepared append, in one pass over its events.
 * @category constructors
 */
export const appendCallOf = (p: PreparedAppend): AppendCall => {
  const streams: Array<string> = []
  const expected: Array<number> = []
  const counts: Array<number> = []
  const dups: Array<number> = []
  const eventIds: Array<string> = []
  const types: Array<string> = []
  const keys: Array<string> = []
  const occurred: Array<string> = []
  const bodyHashes: Array<string> = []
  const contents: Array<string> = []
  let separated = false
  for (const s of p.streams) {
    const v = s.expectedVersion
    streams.push(s.streamId)
    expected.push(v._tag === "Exact" ? v.version : v._tag === "NoStream" ? 0 : -1)
    counts.push(s.events.length)
    dups.push(s.duplicatesInRequest)
    for (const e of s.events) {
      eventIds.push(e.eventId)
      types.push(e.type)
      keys.push(e.idempotencyKey)
      occurred.push(e.occurredKey)
      bodyHashes.push(e.bodyHash)
      contents.push(e.content)
      separated ||= e.content.includes(CONTENT_SEPARATOR)
    }
  }
  return {
    key: p.idempotencyKey,
    requestHash: p.requestHash,
    recordedAt: p.recordedAt,
    streams,
    expected,
    counts,
    dups,
    eventIds,
    types,
    keys,
    occurred,
    bodyHashes,
    contents: separated ? contents : contents.join(CONTENT_SEPARATOR),
  }
}
