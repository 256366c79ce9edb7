/**
 * Builds disclosures for the routes, with the replay input they came from. Documents of immutable
 * points (as published, or a log position the stream has already passed) are a pure function of
 * events that can no longer change, so they are kept in a small LRU keyed by stream head and point;
 * the current state is replayed on every request.
 */
import type { LoggedEvent } from "@ledger/projections"
import { AsOf, buildDisclosure, selectEvents } from "@ledger/projections"
import type { Disclosure } from "@ledger/projections"
import { Envelope } from "@ledger/domain"
import { Result } from "effect"
import type { AsOfPoint } from "./as-of.ts"
import { asOfKey } from "./as-of.ts"
import type { ApiDeps } from "./deps.ts"
import { run } from "./run.ts"

/** A built document and whether it can never change. @category models */
export interface BuiltDocument {
  readonly doc: Disclosure
  readonly immutable: boolean
  /** Renderings already produced, by format. */
  readonly renderings: Map<string, { readonly body: Uint8Array | string; readonly contentType: string }>
}

/** The projections' selector of an as-of point. */
export const projectionAsOf = (p: AsOfPoint): AsOf =>
  p._tag === "Current"
    ? AsOf.current
    : p._tag === "Published"
      ? AsOf.published
      : p._tag === "Position"
        ? AsOf.position(p.position)
        : AsOf.recordedAt(p.at.length === 10 ? `${p.at}T23:59:59.999Z` : p.at)

/** The logged events of a department-year visible as of a point (the provenance and diff input). */
export const eventsAsOf = async (
  deps: ApiDeps,
  department: string,
  year: number,
  p: AsOfPoint,
): Promise<ReadonlyArray<LoggedEvent>> => {
  const events = await run(deps.service.loggedEvents(department, year))
  const selected = selectEvents(events, projectionAsOf(p))
  if (Result.isFailure(selected)) throw selected.failure
  return selected.success
}

/** A documents source with an LRU of immutable documents. @category constructors */
export const makeDocuments = (deps: ApiDeps, capacity = 64) => {
  const cache = new Map<string, BuiltDocument>()
  const remember = (key: string, value: BuiltDocument): BuiltDocument => {
    cache.delete(key)
    cache.set(key, value)
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string)
    return value
  }
  return {
    /** The disclosure of a department-year as of a point (404 for an unknown stream). */
    get: async (department: string, year: number, p: AsOfPoint): Promise<BuiltDocument> => {
      const streamId = Envelope.streamIdOf({ department, year })
      const head = await run(deps.store.head(streamId))
      const immutable =
        head !== undefined &&
        (p._tag === "Published" || (p._tag === "Position" && p.position <= head.position))
      const key = `${streamId}|${head?.version ?? 0}|${asOfKey(p)}`
      const hit = immutable ? cache.get(key) : undefined
      if (hit) return remember(key, hit)
      const events = await run(deps.service.loggedEvents(department, year))
      const built = buildDisclosure(events, projectionAsOf(p))
      if (Result.isFailure(built)) throw built.failure
      const doc: BuiltDocument = { doc: built.success, immutable, renderings: new Map() }
      return immutable ? remember(key, doc) : doc
    },
  }
}

/** The documents source's type. */
export type Documents = ReturnType<typeof makeDocuments>
