/**
 * The worker thread of the replay pool (`replay-pool.ts`): receives the events the request thread
 * read and runs everything after the read — chain check, decode, select, fold, build, seal check —
 * with the one replay function of the service (`replayStored`), so a long replay never holds the
 * event loop that answers health, metadata and small reads. Failures travel back as their tag and
 * fields, so the request thread rethrows the same tagged error the in-process path would.
 *
 * @module
 */
import { parentPort } from "node:worker_threads"
import type { AsOf } from "@ledger/projections"
import { replayStored } from "@ledger/service"
import type { StoredYears } from "@ledger/service"
import { Cause, Effect, Exit } from "effect"

/** One job: the department-year's streams as read (this year and earlier ones) and the points to replay. @category models */
export interface ReplayJob {
  readonly id: number
  readonly department: string
  readonly year: number
  readonly stored: StoredYears
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
port.on("message", (job: ReplayJob) => {
  void Effect.runPromiseExit(replayStored(job.department, job.year, job.stored, job.points)).then((exit) => {
    const answer: ReplayAnswer = Exit.isSuccess(exit)
      ? { id: job.id, ok: true, replays: exit.value }
      : { id: job.id, ok: false, error: wireError(Cause.squash(exit.cause)) }
    port.postMessage(answer)
  })
})
