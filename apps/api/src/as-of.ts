/**
 * The `asOf` query value (`current`, `published`, a position, an ISO date/instant) in the two forms
 * the packages take: the store's `AsOf` bound and the projections' `AsOf` selector. ISO times bound
 * the recording time: "what the ledger said at that moment".
 */
import type { StoredEvent } from "@ledger/eventstore"

/** A parsed as-of point. @category models */
export type AsOfPoint =
  | { readonly _tag: "Current" }
  | { readonly _tag: "Published" }
  | { readonly _tag: "Position"; readonly position: number }
  | { readonly _tag: "RecordedAt"; readonly at: string }

/** Parses a value already validated by `AsOfParam`. @category constructors */
export const parseAsOf = (value: string | undefined): AsOfPoint => {
  if (value === undefined || value === "current") return { _tag: "Current" }
  if (value === "published") return { _tag: "Published" }
  if (/^\d+$/.test(value)) return { _tag: "Position", position: Number(value) }
  return { _tag: "RecordedAt", at: value }
}

/** True for points whose document can never change (a published version, a fixed position). */
export const isImmutable = (p: AsOfPoint): boolean => p._tag === "Published" || p._tag === "Position"

/** A stable text of the point, for cache keys and messages. */
export const asOfKey = (p: AsOfPoint): string =>
  p._tag === "Position" ? String(p.position) : p._tag === "RecordedAt" ? p.at : p._tag.toLowerCase()

/**
 * The events of a stream visible as of the point; `undefined` for `published` when nothing was
 * published. "Published" is everything before the latest `DisclosurePublished` event.
 */
export const selectStored = (
  events: ReadonlyArray<StoredEvent>,
  p: AsOfPoint,
): ReadonlyArray<StoredEvent> | undefined => {
  switch (p._tag) {
    case "Current":
      return events
    case "Position":
      return events.filter((e) => e.position <= p.position)
    case "RecordedAt": {
      const bound = Date.parse(p.at.length === 10 ? `${p.at}T23:59:59.999Z` : p.at)
      return events.filter((e) => Date.parse(e.recordedAt) <= bound)
    }
    case "Published": {
      const last = events.findLastIndex((e) => e.type === "DisclosurePublished")
      return last < 0 ? undefined : events.slice(0, last)
    }
  }
}
