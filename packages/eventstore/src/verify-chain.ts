/**
 * Recomputes one stream's hash chain from its stored rows and names the first bad event. Pure,
 * so every backend (and an auditor's own tool) runs the same checks:
 * the canonical text is canonical and hashes to `hash`; versions run 1..n in position order;
 * each `prevHash` is the hash before it; the indexed columns agree with the hashed text; and the
 * stream head recorded at append time matches the last event (catching deleted or forged tails);
 * and, over the whole log, that the database clock never went backwards.
 */
import { canonicalize } from "./canonical-json.ts"
import { occurredAtKey } from "./event.ts"
import type { VerifyFailureReason, VerifyResult } from "./event.ts"
import { GENESIS_HASH, sha256Hex } from "./hash.ts"
import type { StoredRow } from "./stored-row.ts"

/** The head the store recorded for a stream when it last appended. @category models */
export interface RecordedHead {
  readonly version: number
  readonly hash: string
  readonly position: number
}

/** A failure found in one stream. @category models */
export type ChainFailure = Extract<VerifyResult, { ok: false }>

const fail = (
  row: Pick<StoredRow, "streamId" | "position" | "version">,
  reason: VerifyFailureReason,
  detail: string,
): ChainFailure => ({
  ok: false,
  streamId: row.streamId,
  position: row.position,
  version: row.version,
  reason,
  detail,
})

const checkText = (row: StoredRow): ChainFailure | undefined => {
  let parsed: { event?: Record<string, unknown>; prevHash?: unknown; version?: unknown }
  try {
    parsed = JSON.parse(row.canonical) as typeof parsed
    if (canonicalize(parsed) !== row.canonical)
      return fail(row, "payload-modified", "stored text is not canonical JSON")
  } catch {
    return fail(row, "payload-modified", "stored text is not JSON")
  }
  if (sha256Hex(row.canonical) !== row.hash)
    return fail(row, "payload-modified", "stored text does not hash to the stored hash")
  const e = parsed.event ?? {}
  const mismatch =
    parsed.version !== row.version ||
    parsed.prevHash !== row.prevHash ||
    e["streamId"] !== row.streamId ||
    e["eventId"] !== row.eventId ||
    e["type"] !== row.type ||
    e["idempotencyKey"] !== row.idempotencyKey ||
    e["recordedAt"] !== row.recordedAt ||
    typeof e["occurredAt"] !== "string" ||
    occurredAtKey(e["occurredAt"]) !== row.occurredKey
  return mismatch ? fail(row, "index-mismatch", "indexed columns disagree with the hashed text") : undefined
}

/** What the structural check keeps of a row once its text was checked (the text itself is dropped). */
interface CheckedRow {
  readonly streamId: string
  readonly position: number
  readonly version: number
  readonly prevHash: string
  readonly hash: string
  readonly textFailure: ChainFailure | undefined
}

const checked = (row: StoredRow): CheckedRow => ({
  streamId: row.streamId,
  position: row.position,
  version: row.version,
  prevHash: row.prevHash,
  hash: row.hash,
  textFailure: checkText(row),
})

const checkStructure = (
  streamId: string,
  rows: ReadonlyArray<CheckedRow>,
  head: RecordedHead | undefined,
): ChainFailure | undefined => {
  const versionsAhead = new Set(rows.map((r) => r.version))
  const hashes = new Set(rows.map((r) => r.hash))
  let prevHash = GENESIS_HASH
  let expected = 1
  for (const row of rows) {
    if (row.textFailure) return row.textFailure
    if (row.version > expected) {
      return versionsAhead.has(expected)
        ? fail(row, "reordered", `version ${row.version} is stored before version ${expected}`)
        : fail(row, "event-deleted", `version ${expected} is missing`)
    }
    if (row.version < expected) return fail(row, "inserted", `a second event claims version ${row.version}`)
    if (row.prevHash !== prevHash) {
      return hashes.has(row.prevHash)
        ? fail(row, "reordered", "previous hash belongs to another event of this stream")
        : fail(row, "inserted", "previous hash does not match the event before it")
    }
    if (head !== undefined && row.version > head.version) {
      return fail(row, "inserted", `stream head records version ${head.version}`)
    }
    prevHash = row.hash
    expected++
  }
  const last = rows.at(-1)
  if (head === undefined) {
    return last
      ? fail(rows[0] ?? last, "inserted", "events exist for a stream the store never opened")
      : undefined
  }
  if (last === undefined || last.version < head.version) {
    return fail(
      { streamId, position: head.position, version: head.version },
      "event-deleted",
      `stream head records version ${head.version}, found ${last?.version ?? 0}`,
    )
  }
  if (last.hash !== head.hash)
    return fail(last, "payload-modified", "last event does not hash to the recorded head")
  return undefined
}

/**
 * Verifies one stream. `rows` must be that stream's rows in position order (the order readers
 * see them); `head` is the stream's recorded head, if any.
 * @category constructors
 */
export const verifyStreamChain = (
  streamId: string,
  rows: ReadonlyArray<StoredRow>,
  head: RecordedHead | undefined,
): ChainFailure | undefined => checkStructure(streamId, rows.map(checked), head)

/**
 * Verifies a whole log fed one row at a time in position order, as one ordered streaming query
 * returns it: each row's text is checked (and dropped) as it arrives, streams' structure at the
 * end, and `recordedAt` must never decrease along the log from `clockFromPosition` on (rows at or
 * below it were stamped by writers' clocks before the database clock took over).
 * @category models
 */
export interface ChainVerifier {
  /** The next row; rows must arrive in increasing position order. */
  readonly row: (row: StoredRow) => void
  /** A stream's recorded head, in any order. */
  readonly head: (streamId: string, head: RecordedHead) => void
  /** All chains intact, or the first bad event (lowest position). */
  readonly result: () => VerifyResult
}

/** A fresh {@link ChainVerifier}. @category constructors */
export const makeChainVerifier = (clockFromPosition = 0): ChainVerifier => {
  const streams = new Map<string, Array<CheckedRow>>()
  const heads = new Map<string, RecordedHead>()
  let count = 0
  let lastRecordedAt: string | undefined
  let clockFailure: ChainFailure | undefined
  return {
    row: (row) => {
      count++
      const list = streams.get(row.streamId)
      if (list === undefined) streams.set(row.streamId, [checked(row)])
      else list.push(checked(row))
      if (row.position <= clockFromPosition) return
      if (clockFailure === undefined && lastRecordedAt !== undefined && row.recordedAt < lastRecordedAt) {
        clockFailure = fail(
          row,
          "recorded-at-decreased",
          `recordedAt ${row.recordedAt} is before ${lastRecordedAt}, recorded at a lower position`,
        )
      }
      if (lastRecordedAt === undefined || row.recordedAt > lastRecordedAt) lastRecordedAt = row.recordedAt
    },
    head: (streamId, head) => {
      heads.set(streamId, head)
    },
    result: () => {
      const failures: Array<ChainFailure> = []
      const ids = new Set([...streams.keys(), ...heads.keys()])
      for (const id of ids) {
        const failure = checkStructure(id, streams.get(id) ?? [], heads.get(id))
        if (failure) failures.push(failure)
      }
      // Last, so a chain failure at the same position (a forged row) is the one named.
      if (clockFailure) failures.push(clockFailure)
      return firstFailure(failures) ?? { ok: true, checked: count, streams: ids.size }
    },
  }
}

/** Combines per-stream failures: the one at the lowest position is "the first bad position". */
export const firstFailure = (failures: ReadonlyArray<ChainFailure>): ChainFailure | undefined =>
  failures.reduce<ChainFailure | undefined>(
    (a, b) => (a === undefined || b.position < a.position ? b : a),
    undefined,
  )
