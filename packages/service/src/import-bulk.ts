/**
 * A prepared event as the streaming import hands it to the COPY path (`appendPrepared`): its
 * canonical content as UTF-8 bytes. A batch waits in memory while the one before it is written; as
 * strings, the contents were most of what V8's young-generation collections copied (twice, before
 * promoting them), and the COPY path encoded them anyway. Bytes live off the heap and are copied
 * into the COPY buffer as they are (`copy-rows.ts` in `@ledger/store-postgres`).
 *
 * @module
 */
import type { PreparedEvent } from "@ledger/eventstore"

/** A {@link PreparedEvent} whose content may be its UTF-8 bytes. @category models */
export interface BulkEvent extends Omit<PreparedEvent, "content"> {
  readonly content: string | Buffer
}

/** `prepared` with its content as UTF-8 bytes. @category constructors */
export const toBulk = (prepared: PreparedEvent): BulkEvent => ({
  eventId: prepared.eventId,
  type: prepared.type,
  idempotencyKey: prepared.idempotencyKey,
  occurredKey: prepared.occurredKey,
  bodyHash: prepared.bodyHash,
  content: Buffer.from(prepared.content),
})
