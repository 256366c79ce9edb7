/**
 * The name and template of each department for the department list, so a picker or a list page of
 * a province's hundreds of departments names every one without opening its disclosure. They come
 * from the stream's latest `DepartmentProfileRecorded`, read again only when the stream's head
 * moved. The list is metadata and must answer even while replays hold the store: it waits for those
 * reads at most {@link PROFILE_WAIT_MS}, then answers with the names it has (a kept, possibly older
 * name, or none yet); the reads go on and the next call has them.
 */
import type { EventStoreShape } from "@ledger/eventstore"
import { run } from "./run.ts"

/** What the list shows of a department. @category models */
export interface DepartmentProfile {
  readonly name: string
  readonly template: string
}

/** How long a list waits for profiles it has never read. @category constants */
const PROFILE_WAIT_MS = 2_000

/** A reader of profiles with its cache (one per app). @category constructors */
export const makeProfileReader = (store: EventStoreShape) => {
  const kept = new Map<string, { readonly hash: string; readonly profile: DepartmentProfile | undefined }>()
  const reading = new Map<string, Promise<void>>()
  const read = (streamId: string, headHash: string): Promise<void> => {
    const busy = reading.get(streamId)
    if (busy) return busy
    const p = run(store.readStream(streamId))
      .then((events) => {
        const last = events.findLast((e) => e.type === "DepartmentProfileRecorded")
        const data = last?.data as { readonly name?: unknown; readonly template?: unknown } | undefined
        const profile =
          typeof data?.name === "string" && typeof data.template === "string"
            ? { name: data.name, template: data.template }
            : undefined
        kept.set(streamId, { hash: headHash, profile })
      })
      .catch(() => undefined)
      .finally(() => reading.delete(streamId))
    reading.set(streamId, p)
    return p
  }
  return {
    /** Reads the profiles of streams whose head moved; resolves when they are read, or at the deadline. */
    prepare: async (streams: ReadonlyArray<{ readonly streamId: string; readonly headHash: string }>) => {
      const waits: Array<Promise<void>> = []
      for (const s of streams) {
        const k = kept.get(s.streamId)
        if (k?.hash === s.headHash) continue
        waits.push(read(s.streamId, s.headHash))
      }
      if (waits.length === 0) return
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([
        Promise.all(waits),
        new Promise<void>((done) => (timer = setTimeout(done, PROFILE_WAIT_MS))),
      ])
      clearTimeout(timer)
    },
    /** The kept profile of a stream, if read. */
    peek: (streamId: string): DepartmentProfile | undefined => kept.get(streamId)?.profile,
  }
}
