/**
 * The API's door to the one replay (`LedgerService.replay`): every read route gets its events,
 * state and disclosure from one {@link Documents.get}, so a route never reads or folds twice.
 * Replays of immutable
 * points (as published, or a log position the stream has already passed) are a pure function of
 * events that can no longer change, so they are kept in a small LRU keyed by stream head and point;
 * the current document is kept keyed by the head versions of every year it read.
 *
 * Freshness: the head of each stream is remembered. Appends made through this process forget it at
 * once ({@link Documents.forget}); a remembered head is re-read from the store when it is older than
 * `headTtlMs` (default 1 s), so a publication appended by another process (the CLI on PostgreSQL) is
 * served within that bound. A log position beyond the remembered head always re-reads the head.
 * The current document is checked the same way: its heads are re-read when the last check is older
 * than `headTtlMs` or anything was appended through this process since, so an append by another
 * process shows within `headTtlMs` and one through this process at once; `headTtlMs: 0` asks the
 * store on every request.
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
  /** Renderings produced or in progress, by format (filled for kept documents only). */
  readonly renderings: Map<string, Promise<Rendering>>
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
  /** Builds that have finished, so a cached document can be served without waiting a turn. */
  const settled = new WeakMap<Promise<BuiltDocument>, BuiltDocument>()
  /** The current document of a stream as last checked against the store: its key and when. */
  const checked = new Map<
    string,
    { readonly key: string; readonly at: number; readonly generation: number }
  >()
  /** Token-less head checks of current documents in flight, shared by the requests meanwhile. */
  const checking = new Map<string, Promise<Check>>()
  const remember = (key: string, value: Promise<BuiltDocument>): Promise<BuiltDocument> => {
    cache.delete(key)
    cache.set(key, value)
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string)
    return value
  }
  /** Puts a new build in the cache, noting its document once it is there. */
  const keep = (key: string, value: Promise<BuiltDocument>): Promise<BuiltDocument> => {
    value.then(
      (doc) => settled.set(value, doc),
      () => cache.get(key) === value && cache.delete(key),
    )
    return remember(key, value)
  }
  /** The key of a stream's current document while its last check is fresh and nothing was appended here since. */
  const freshCurrent = (streamId: string): string | undefined => {
    const c = checked.get(streamId)
    if (c === undefined || c.generation !== generation || now() - c.at > headTtlMs) return undefined
    return cache.has(c.key) ? c.key : undefined
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
  /** The remembered head while it is fresh enough for the point, else undefined. */
  const knownHead = (streamId: string, p: AsOf): StreamHead | undefined => {
    const known = heads.get(streamId)
    if (known === undefined || now() - known.at > headTtlMs) return undefined
    if (p._tag === "Position" && p.position > known.head.position) return undefined
    return known.head
  }
  /** The remembered head while it is fresh enough for the point, else the store's. */
  const headFor = (streamId: string, p: AsOf): Promise<StreamHead | undefined> | StreamHead =>
    knownHead(streamId, p) ?? readHead(streamId)
  /** The cache key of an immutable document at a fixed point of a stream with this head, else undefined. */
  const fixedKey = (streamId: string, p: AsOf, head: StreamHead | undefined): string | undefined =>
    head !== undefined && (p._tag === "Published" || (p._tag === "Position" && p.position <= head.position))
      ? `${streamId}|${head.version}|${AsOf.format(p)}`
      : undefined
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
      const key = fixedKey(streamId, p, head)
      if (key === undefined) return build(department, year, p, false, minPosition)
      const hit = cache.get(key)
      if (hit) return remember(key, hit)
      return keep(key, build(department, year, p, true, minPosition))
    },
    /**
     * The document {@link get} would answer at once from the cache, without asking the store or
     * waiting (a token-less read of the current or an immutable point whose check is fresh), else
     * undefined: such an answer costs no replay, so it need not wait for a replay slot.
     */
    peek: (department: string, year: number, p: AsOf): BuiltDocument | undefined => {
      const streamId = Envelope.streamIdOf({ department, year })
      const key =
        p._tag === "Current"
          ? freshCurrent(streamId)
          : AsOf.isFixed(p)
            ? fixedKey(streamId, p, knownHead(streamId, p))
            : undefined
      const hit = key === undefined ? undefined : cache.get(key)
      const doc = hit === undefined ? undefined : settled.get(hit)
      if (key !== undefined && hit !== undefined && doc !== undefined) void remember(key, hit)
      return doc
    },
    /** Forgets what is known of a stream's head (after this process appended to it). */
    forget: (department: string, year: number): void => {
      const streamId = Envelope.streamIdOf({ department, year })
      generation++
      heads.delete(streamId)
      reading.delete(streamId)
      checking.clear()
    },
  }

  /** The head version of each year a current replay reads (this year first), from the store. */
  async function versionsOf(department: string, year: number, minPosition: number | undefined) {
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
    return versions
  }

  /** The heads of a current document as read now (with when and in which generation they were read). */
  async function checkOf(department: string, year: number, minPosition: number | undefined): Promise<Check> {
    const started = { at: now(), generation }
    return { ...started, versions: await versionsOf(department, year, minPosition) }
  }

  /** {@link checkOf} for a token-less read, shared with the check of the same stream in flight. */
  function sharedCheckOf(department: string, year: number, streamId: string): Promise<Check> {
    const pending = checking.get(streamId)
    if (pending) return pending
    const read = checkOf(department, year, undefined).finally(() => {
      if (checking.get(streamId) === read) checking.delete(streamId)
    })
    checking.set(streamId, read)
    return read
  }

  /**
   * The current document, kept while nothing it was built from has moved: its key is the head
   * version of each year the replay reads (this year and the earlier ones). The heads are read from
   * the store when the last check of this stream is older than `headTtlMs` or something was
   * appended through this process since, and always for a read with a consistency token. A build
   * that read newer events than the heads named (an append landed in between) is served but not kept.
   */
  async function current(department: string, year: number, minPosition: number | undefined) {
    const streamId = Envelope.streamIdOf({ department, year })
    const fresh = minPosition === undefined ? freshCurrent(streamId) : undefined
    const known = fresh === undefined ? undefined : cache.get(fresh)
    if (fresh !== undefined && known !== undefined) return remember(fresh, known)
    const {
      versions,
      at,
      generation: readIn,
    } = minPosition === undefined
      ? await sharedCheckOf(department, year, streamId)
      : await checkOf(department, year, minPosition)
    if (versions.length === 0) return build(department, year, AsOf.current, false, minPosition)
    const key = `${streamId}|current|${versions.join(",")}`
    if (readIn === generation) {
      checked.delete(streamId)
      checked.set(streamId, { key, at, generation: readIn })
      if (checked.size > capacity) checked.delete(checked.keys().next().value as string)
    }
    const hit = cache.get(key)
    if (hit) return remember(key, hit)
    const built = keep(key, build(department, year, AsOf.current, false, minPosition, true))
    built.then(
      (doc) => {
        if (!builtFrom(doc, year, versions) && cache.get(key) === built) cache.delete(key)
      },
      () => undefined,
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

/** One check of a current document's heads: the versions, when the read started and in which generation. */
interface Check {
  readonly versions: ReadonlyArray<number>
  readonly at: number
  readonly generation: number
}

/** The documents source's type. */
export type Documents = ReturnType<typeof makeDocuments>
