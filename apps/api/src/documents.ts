/**
 * The API's door to the one replay (`LedgerService.replay`): every read route gets its events,
 * state and disclosure from one {@link Documents.get}, so a route never reads or folds twice.
 * Replays of immutable
 * points (as published, or a log position the stream has already passed) are a pure function of
 * events that can no longer change, so they are kept in a small LRU keyed by stream head and point;
 * the current state is replayed on every request.
 *
 * Freshness: the head of each stream is remembered. Appends made through this process forget it at
 * once ({@link Documents.forget}); a remembered head is re-read from the store when it is older than
 * `headTtlMs` (default 1 s), so a publication appended by another process (the CLI on PostgreSQL) is
 * served within that bound. A log position beyond the remembered head always re-reads the head.
 *
 * Consistency across processes: a read carrying a consistency token (`minPosition`, the log position
 * the client has seen — e.g. its own append's `lastPosition`, from any API process) never uses a
 * remembered head: it reads the head and the stream with that token, so the store (or a replica that
 * has replayed it) answers with at least that state. Only token-less reads of fixed points may be up
 * to `headTtlMs` old, and only for a publication or append made through another process.
 */
import { AsOf } from "@ledger/projections"
import type { Disclosure } from "@ledger/projections"
import { Envelope } from "@ledger/domain"
import type { StreamHead } from "@ledger/eventstore"
import type { Replay } from "@ledger/service"
import type { ApiDeps } from "./deps.ts"
import { run } from "./run.ts"

/** One rendering of a document, kept as the bytes sent and their ETag. @category models */
interface Rendering {
  readonly body: Uint8Array | string
  readonly contentType: string
}

/** One replay, its document and whether it can never change. @category models */
export interface BuiltDocument {
  /** The replay the document came from: its events and state explain exactly this document. */
  readonly replay: Replay
  readonly doc: Disclosure
  readonly immutable: boolean
  /** True when the document is kept by the cache (immutable, or current while its heads stand): its renderings are kept with it. */
  readonly kept: boolean
  /** Renderings already produced, by format (filled for kept documents only). */
  readonly renderings: Map<string, Rendering>
}

/** Options of {@link makeDocuments}. */
export interface DocumentsOptions {
  /** Immutable documents kept (default 64). */
  readonly capacity?: number
  /** How long a remembered stream head is trusted without asking the store (default 1000 ms). */
  readonly headTtlMs?: number
  /** Monotonic milliseconds (tests pass a fake one). */
  readonly now?: () => number
}

/** A documents source with an LRU of immutable documents. @category constructors */
export const makeDocuments = (deps: ApiDeps, options: DocumentsOptions = {}) => {
  const capacity = options.capacity ?? 64
  const headTtlMs = options.headTtlMs ?? 1_000
  const now = options.now ?? (() => performance.now())
  /** Documents by stream, head version and point; a build in flight is shared by its callers. */
  const cache = new Map<string, Promise<BuiltDocument>>()
  /** Head reads in flight, shared by the requests that arrive meanwhile. */
  const reading = new Map<string, Promise<StreamHead | undefined>>()
  const heads = new Map<string, { readonly head: StreamHead; readonly at: number }>()
  /** Bumped by every forget, so a head read that started before an append is not remembered. */
  let generation = 0
  const remember = (key: string, value: Promise<BuiltDocument>): Promise<BuiltDocument> => {
    cache.delete(key)
    cache.set(key, value)
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string)
    return value
  }
  /** The stream's head from the store, remembered when the stream exists. */
  const readHead = (streamId: string): Promise<StreamHead | undefined> => {
    const pending = reading.get(streamId)
    if (pending) return pending
    const started = generation
    const at = now()
    const read = run(deps.store.head(streamId))
      .then((head) => {
        if (head === undefined || started !== generation) heads.delete(streamId)
        else heads.set(streamId, { head, at })
        return head
      })
      .finally(() => {
        if (reading.get(streamId) === read) reading.delete(streamId)
      })
    reading.set(streamId, read)
    return read
  }
  /** The remembered head while it is fresh enough for the point, else the store's. */
  const headFor = (streamId: string, p: AsOf): Promise<StreamHead | undefined> | StreamHead => {
    const known = heads.get(streamId)
    if (known === undefined || now() - known.at > headTtlMs) return readHead(streamId)
    if (p._tag === "Position" && p.position > known.head.position) return readHead(streamId)
    return known.head
  }
  return {
    /** The disclosure of a department-year as of a point (404 for an unknown stream). */
    get: async (
      department: string,
      year: number,
      p: AsOf,
      consistency: { readonly minPosition?: number | undefined } = {},
    ): Promise<BuiltDocument> => {
      const streamId = Envelope.streamIdOf({ department, year })
      const { minPosition } = consistency
      if (p._tag === "Current") return current(department, year, minPosition)
      if (!AsOf.isFixed(p)) return build(department, year, p, false, minPosition)
      const head =
        minPosition === undefined
          ? await headFor(streamId, p)
          : await run(deps.store.head(streamId, { minPosition }))
      const immutable =
        head !== undefined &&
        (p._tag === "Published" || (p._tag === "Position" && p.position <= head.position))
      if (!immutable) return build(department, year, p, false, minPosition)
      const key = `${streamId}|${head.version}|${AsOf.format(p)}`
      const hit = cache.get(key)
      if (hit) return remember(key, hit)
      const built = remember(key, build(department, year, p, true, minPosition))
      built.catch(() => cache.get(key) === built && cache.delete(key))
      return built
    },
    /** Forgets what is known of a stream's head (after this process appended to it). */
    forget: (department: string, year: number): void => {
      const streamId = Envelope.streamIdOf({ department, year })
      generation++
      heads.delete(streamId)
      reading.delete(streamId)
    },
  }

  /**
   * The current document, kept while nothing it was built from has moved: its key is the head
   * version of each year the replay reads (this year and the earlier ones, read from the store on
   * every request, so an append by any process shows at once). A build that read newer events than
   * the heads named (an append landed in between) is served but not kept.
   */
  async function current(department: string, year: number, minPosition: number | undefined) {
    const versions: Array<number> = []
    for (let y = year; versions.length <= MAX_YEARS_READ; y--) {
      const head = await run(
        deps.store.head(
          Envelope.streamIdOf({ department, year: y }),
          minPosition === undefined ? undefined : { minPosition },
        ),
      )
      if (head === undefined) break
      versions.push(head.version)
    }
    if (versions.length === 0) return build(department, year, AsOf.current, false, minPosition)
    const key = `${Envelope.streamIdOf({ department, year })}|current|${versions.join(",")}`
    const hit = cache.get(key)
    if (hit) return remember(key, hit)
    const built = remember(key, build(department, year, AsOf.current, false, minPosition, true))
    built.then(
      (doc) => {
        if (!builtFrom(doc, year, versions) && cache.get(key) === built) cache.delete(key)
      },
      () => cache.get(key) === built && cache.delete(key),
    )
    return built
  }

  /** One replay: on a worker of the pool when the app has one, else in process. */
  async function replayOf(department: string, year: number, p: AsOf, minPosition: number | undefined) {
    if (deps.replayPool === undefined) return run(deps.service.replay(department, year, p, { minPosition }))
    const [replay] = await deps.replayPool.replay(department, year, [p], { minPosition })
    if (replay === undefined) throw new Error("the replay pool answered no replay")
    return replay
  }

  async function build(
    department: string,
    year: number,
    p: AsOf,
    immutable: boolean,
    minPosition: number | undefined,
    kept = immutable,
  ) {
    const replay = await replayOf(department, year, p, minPosition)
    const doc: BuiltDocument = { replay, doc: replay.disclosure, immutable, kept, renderings: new Map() }
    return doc
  }
}

/** Years a current replay may read (this one and the service's bound of earlier ones), plus one. */
const MAX_YEARS_READ = 11

/** True when the replay read exactly the given head versions of `year`, `year - 1`, …. */
const builtFrom = (doc: BuiltDocument, year: number, versions: ReadonlyArray<number>): boolean =>
  versions.every((v, i) => doc.replay.years.get(year - i)?.at(-1)?.meta.version === v)

/** The documents source's type. */
export type Documents = ReturnType<typeof makeDocuments>
