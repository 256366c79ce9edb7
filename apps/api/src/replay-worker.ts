/**
 * The worker thread of the replay pool (`replay-pool.ts`): runs everything after the read — chain
 * check, decode, select, fold, build, seal check — with the one replay function of the service
 * (`replayStored`), so a long replay never holds the event loop that answers health, metadata and
 * small reads. On PostgreSQL (`workerData.databaseUrl`) it makes the read itself too, over its own
 * connection (`readYears`, the same read as in process); otherwise it receives the events the
 * request thread read (the embedded store lives in that thread). Failures travel back as their tag and
 * fields, so the request thread rethrows the same tagged error the in-process path would.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import type { EventStoreShape } from "@ledger/eventstore"
import type { AsOf } from "@ledger/projections"
import { readYears, replayStored } from "@ledger/service"
import type { StoredYears } from "@ledger/service"
import { Cause, Effect, Exit } from "effect"
import { collectStartGarbage } from "./start-garbage.ts"

/**
 * One job: the points to replay of a department-year, and either its streams as read (this year and
 * earlier ones) or — when the worker reads PostgreSQL itself — the consistency token of the read.
 * @category models
 */
export interface ReplayJob {
  readonly id: number
  readonly department: string
  readonly year: number
  readonly stored: StoredYears | undefined
  readonly minPosition: number | undefined
  readonly points: ReadonlyArray<AsOf>
}

/** A failure as it crosses the thread boundary: tag, message and the error's own fields. @category models */
export interface WireError {
  readonly _tag: string
  readonly message: string
  readonly fields: Readonly<Record<string, unknown>>
}

/** The answer to a job. @category models */
export type ReplayAnswer =
  | { readonly id: number; readonly ok: true; readonly replays: ReadonlyArray<unknown> }
  | { readonly id: number; readonly ok: false; readonly error: WireError }

const wireError = (error: unknown): WireError => {
  if (typeof error === "object" && error !== null) {
    const e = error as { readonly _tag?: unknown; readonly message?: unknown; readonly name?: unknown }
    const fields: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(error)) if (k !== "stack" && k !== "cause") fields[k] = v
    return {
      _tag: typeof e._tag === "string" ? e._tag : typeof e.name === "string" ? e.name : "Error",
      message: typeof e.message === "string" ? e.message : "the replay failed",
      fields,
    }
  }
  return { _tag: "Error", message: String(error), fields: {} }
}

const port = parentPort
if (port === null) throw new Error("replay-worker.ts runs as a worker thread of the replay pool")
const databaseUrl = (workerData as { readonly databaseUrl?: string } | null)?.databaseUrl
/**
 * This worker's own PostgreSQL store, opened at the first job (a few connections, no migration); a
 * failed open is retried. The store module (driver, Kysely, PGlite's JavaScript) is imported only
 * then: a worker of the embedded store never needs it, and each worker is a V8 isolate of its own.
 */
let own: EventStoreShape | undefined
const storeOf = (url: string): Effect.Effect<EventStoreShape, unknown> =>
  Effect.suspend(() =>
    own !== undefined
      ? Effect.succeed(own)
      : Effect.flatMap(
          Effect.promise(() => import("@ledger/store-postgres")),
          ({ makePgEventStore }) =>
            Effect.tap(makePgEventStore({ connectionString: url, migrate: false, maxConnections: 2 }), (s) =>
              Effect.sync(() => (own = s)),
            ),
        ),
  )

/** Whether the garbage of loading this worker (its module graph) was collected, after its first job. */
let collected = false

/** The job's read: the events sent along, or this worker's own read of PostgreSQL. */
const readOf = (job: ReplayJob): Effect.Effect<StoredYears, unknown> =>
  job.stored !== undefined
    ? Effect.succeed(job.stored)
    : databaseUrl === undefined
      ? Effect.die(new Error("a job without events needs a worker that reads PostgreSQL"))
      : Effect.flatMap(storeOf(databaseUrl), (store) =>
          readYears(store, job.department, job.year, { minPosition: job.minPosition }),
        )

port.on("message", (job: ReplayJob) => {
  const replay = Effect.flatMap(readOf(job), (read) =>
    replayStored(job.department, job.year, read, job.points),
  )
  void Effect.runPromiseExit(replay).then((exit) => {
    const answer: ReplayAnswer = Exit.isSuccess(exit)
      ? { id: job.id, ok: true, replays: exit.value }
      : { id: job.id, ok: false, error: wireError(Cause.squash(exit.cause)) }
    port.postMessage(answer)
    if (!collected) {
      collected = true
      void collectStartGarbage()
    }
  })
})
