/**
 * The name and template of each department for the department list, so a picker or a list page of
 * a province's hundreds of departments names every one without opening its disclosure. They come
 * from the stream's latest `DepartmentProfileRecorded`; a stream is read again only when its head
 * moved (the cache is keyed by the head hash), so listing stays cheap between writes.
 */
import type { EventStoreShape } from "@ledger/eventstore"
import { run } from "./run.ts"

/** What the list shows of a department. @category models */
export interface DepartmentProfile {
  readonly name: string
  readonly template: string
}

/** A reader of profiles with its cache (one per app). @category constructors */
export const makeProfileReader = (store: EventStoreShape) => {
  const cache = new Map<string, { readonly hash: string; readonly profile: DepartmentProfile | undefined }>()
  return async (streamId: string, headHash: string): Promise<DepartmentProfile | undefined> => {
    const hit = cache.get(streamId)
    if (hit?.hash === headHash) return hit.profile
    const events = await run(store.readStream(streamId))
    const last = events.findLast((e) => e.type === "DepartmentProfileRecorded")
    const data = last?.data as { readonly name?: unknown; readonly template?: unknown } | undefined
    const profile =
      typeof data?.name === "string" && typeof data.template === "string"
        ? { name: data.name, template: data.template }
        : undefined
    cache.set(streamId, { hash: headHash, profile })
    return profile
  }
}
