/**
 * "As published" must be the document that was sealed: when the latest `DisclosurePublished`
 * event carries a `documentHash`, the rebuilt document must have that hash, or the read is
 * refused as {@link LedgerIntegrity} (reason `seal-mismatch`). A publication without a seal (one
 * imported from before the ledger kept seals) has nothing to compare and is served as rebuilt.
 *
 * @module
 */
import { LedgerIntegrity } from "@ledger/eventstore"
import type { AsOf, LoggedEvent } from "@ledger/projections"
import { Effect } from "effect"

/**
 * Succeeds with nothing unless `asOf` is published and the seal disagrees with `documentHash`.
 * @category constructors
 */
export const checkSeal = (
  events: ReadonlyArray<LoggedEvent>,
  asOf: AsOf,
  documentHash: string,
): Effect.Effect<void, LedgerIntegrity> => {
  if (asOf._tag !== "Published") return Effect.void
  const publication = events.findLast((e) => e.event.type === "DisclosurePublished")
  if (publication === undefined || publication.event.type !== "DisclosurePublished") return Effect.void
  const sealed = publication.event.data.documentHash
  if (sealed === undefined || sealed === documentHash) return Effect.void
  return Effect.fail(
    new LedgerIntegrity({
      streamId: publication.meta.streamId,
      position: publication.meta.position,
      version: publication.meta.version,
      reason: "seal-mismatch",
      detail: `the publication sealed document ${sealed}, the log now gives ${documentHash}`,
    }),
  )
}
