/**
 * The chain check every read that builds a document runs on the events it read: each event's
 * stored text hashes to its hash, versions run on without a gap, and each `prevHash` is the hash
 * before it (from the genesis hash when the read starts at version 1). Everything a projection
 * sees is parsed from that hashed text, so an amount edited behind the store's back — or any
 * other change short of rewriting the whole chain and its head, which anchors catch — fails here
 * before a document is built. One SHA-256 per event: cheap next to building a disclosure.
 */
import type { StoredEvent } from "./event.ts"
import { GENESIS_HASH, sha256Hex } from "./hash.ts"
import type { ChainFailure, RecordedHead } from "./verify-chain.ts"

type ReadEvent = Pick<StoredEvent, "streamId" | "position" | "version" | "prevHash" | "hash" | "canonical">

const broken = (
  e: Pick<StoredEvent, "streamId" | "position" | "version">,
  reason: ChainFailure["reason"],
  detail: string,
): ChainFailure => ({
  ok: false,
  streamId: e.streamId,
  position: e.position,
  version: e.version,
  reason,
  detail,
})

/**
 * Checks the events of one stream as read (version order). When `head` is given and the read
 * was not limited as of a point, the last event must be that head (a cut tail fails too).
 * Returns the first broken event, or undefined when the chain holds.
 * @category constructors
 */
export const verifyRead = (
  events: ReadonlyArray<ReadEvent>,
  head?: Pick<RecordedHead, "version" | "hash" | "position">,
): ChainFailure | undefined => {
  let previous: ReadEvent | undefined
  for (const e of events) {
    if (sha256Hex(e.canonical) !== e.hash)
      return broken(e, "payload-modified", "stored text does not hash to the stored hash")
    if (previous === undefined) {
      if (e.version === 1 && e.prevHash !== GENESIS_HASH)
        return broken(e, "inserted", "the first event does not start from the genesis hash")
    } else {
      if (e.streamId !== previous.streamId)
        return broken(e, "inserted", `event of stream ${e.streamId} read with stream ${previous.streamId}`)
      if (e.version !== previous.version + 1)
        return broken(e, "event-deleted", `version ${previous.version + 1} is missing`)
      if (e.prevHash !== previous.hash)
        return broken(e, "inserted", "previous hash does not match the event before it")
    }
    previous = e
  }
  if (head !== undefined && (previous?.version !== head.version || previous.hash !== head.hash)) {
    const at = previous ?? { streamId: "", position: head.position, version: head.version }
    return broken(
      { streamId: at.streamId, position: head.position, version: head.version },
      previous !== undefined && previous.version >= head.version ? "payload-modified" : "event-deleted",
      `stream head records version ${head.version}, the read ends at version ${previous?.version ?? 0}`,
    )
  }
  return undefined
}
