/**
 * Replays off the request loop (issue 12): a small pool of worker threads runs the chain check,
 * decode, fold and build of a department-year, so a replay of 10⁴ events takes its seconds on
 * another thread while the request loop keeps answering `/v1/health`, metadata and small reads.
 * On PostgreSQL the workers read the streams themselves (`databaseUrl`); with the embedded store
 * the request thread reads them (the year and its earlier years, `readYears`) and hands them over.
 *
 * Bounds: replays reach the pool through the admission gate (`admission.ts`: concurrency cap,
 * bounded queue, wait deadline); here each job has a run deadline as well — a job not answered
 * within `timeoutMs` is refused with `503 overloaded` + `Retry-After` and its worker is replaced, so
 * no request holds a worker forever. A worker that dies fails only its own job and is replaced.
 *
 * Under `tsx` (dev) and Vitest the worker's TypeScript is loaded through tsx's loader, registered
 * in the worker before its module is imported; a build (`.js`) needs nothing — `pnpm start` runs
 * the bundle of `scripts/build-api.mjs`, whose `replay-worker.js` sits beside this module's chunk.
 * `LEDGER_REPLAY_WORKERS=0` keeps every replay in process (the fallback).
 *
 * @module
 */
import type { Worker } from "node:worker_threads"
import type { EventStoreShape } from "@ledger/eventstore"
import type { AsOf } from "@ledger/projections"
import { readYears } from "@ledger/service"
import { startModuleWorker } from "@ledger/store-postgres"
import type { Replay } from "@ledger/service"
import { Overloaded } from "./overloaded.ts"
import type { ReplayAnswer, ReplayJob, WireError } from "./replay-worker.ts"
import { run } from "./run.ts"

/** Sizing of the pool. @category models */
export interface ReplayPoolOptions {
  /** Worker threads (at least 1). */
  readonly size: number
  /** Longest a job may take once handed to the pool, in ms, before it is refused (503). */
  readonly timeoutMs: number
  /**
   * PostgreSQL without read replicas: each worker reads the streams itself over its own
   * connections, so the read and its decoding leave the request thread too.
   */
  readonly databaseUrl?: string | undefined
}

/** Defaults: two workers on a 2-core server, 30 s per job. */
const DEFAULT_REPLAY_POOL: ReplayPoolOptions = { size: 2, timeoutMs: 30_000 }

/** The same tagged error the in-process replay would have raised, rebuilt from its fields. */
const rebuild = (e: WireError): Error =>
  Object.assign(new Error(e.message), e.fields, { _tag: e._tag, name: e._tag, message: e.message })

interface Job {
  readonly job: ReplayJob
  readonly settle: (r: { ok: true; value: ReadonlyArray<Replay> } | { ok: false; error: Error }) => void
}
interface Slot {
  readonly worker: Worker
  current: Job | undefined
}

/** A pool of replay workers over a store. @category constructors */
export const makeReplayPool = (store: EventStoreShape, options: ReplayPoolOptions = DEFAULT_REPLAY_POOL) => {
  const slots: Array<Slot> = []
  const queue: Array<Job> = []
  let nextId = 0
  let closed = false

  const retire = (slot: Slot, error: Error) => {
    const i = slots.indexOf(slot)
    if (i >= 0) slots.splice(i, 1)
    const job = slot.current
    slot.current = undefined
    void slot.worker.terminate()
    job?.settle({ ok: false, error })
    dispatch()
  }

  const spawn = (): Slot => {
    const worker = startModuleWorker(
      import.meta.url,
      "replay-worker",
      options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {},
    )
    const slot: Slot = { worker, current: undefined }
    worker.on("message", (answer: ReplayAnswer) => {
      const job = slot.current
      if (job === undefined || job.job.id !== answer.id) return
      slot.current = undefined
      job.settle(
        answer.ok
          ? { ok: true, value: answer.replays as ReadonlyArray<Replay> }
          : { ok: false, error: rebuild(answer.error) },
      )
      dispatch()
    })
    worker.on("error", (error) => retire(slot, error))
    worker.on("exit", (code) => {
      if (slots.includes(slot)) retire(slot, new Error(`a replay worker exited with code ${code}`))
    })
    worker.unref()
    slots.push(slot)
    return slot
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const slot =
        slots.find((s) => s.current === undefined) ?? (slots.length < options.size ? spawn() : undefined)
      if (slot === undefined) return
      const job = queue.shift() as Job
      slot.current = job
      slot.worker.postMessage(job.job)
    }
  }

  const submit = (job: ReplayJob): Promise<ReadonlyArray<Replay>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const waiting = queue.findIndex((j) => j.job.id === job.id)
        if (waiting >= 0) queue.splice(waiting, 1)
        const slot = slots.find((s) => s.current?.job.id === job.id)
        const error = new Overloaded(`the replay did not finish within ${options.timeoutMs} ms`)
        if (slot !== undefined) retire(slot, error)
        else reject(error)
      }, options.timeoutMs)
      queue.push({
        job,
        settle: (r) => {
          clearTimeout(timer)
          if (r.ok) resolve(r.value)
          else reject(r.error)
        },
      })
      dispatch()
    })

  return {
    /**
     * Replays a department-year at each point from ONE read (a diff asks for two): the stream is
     * read here, everything else runs on a worker. Rejects with the replay's tagged error.
     */
    replay: async (
      department: string,
      year: number,
      points: ReadonlyArray<AsOf>,
      consistency: { readonly minPosition?: number | undefined } = {},
    ): Promise<ReadonlyArray<Replay>> => {
      if (closed) throw new Error("the replay pool is closed")
      const { minPosition } = consistency
      const stored =
        options.databaseUrl !== undefined
          ? undefined
          : await run(readYears(store, department, year, { minPosition }))
      return submit({ id: nextId++, department, year, stored, minPosition, points })
    },
    /** Starts the workers now, so the first replay does not wait for a worker to load. */
    warm: (): void => {
      while (slots.length < options.size) spawn()
    },
    /** Workers alive and jobs waiting, for tests and metrics. */
    stats: () => ({
      workers: slots.length,
      busy: slots.filter((s) => s.current !== undefined).length,
      waiting: queue.length,
    }),
    /** Stops every worker; jobs still waiting fail. */
    close: async (): Promise<void> => {
      closed = true
      for (const job of queue.splice(0)) job.settle({ ok: false, error: new Error("the replay pool closed") })
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()))
    },
  }
}

/** A replay pool. @category models */
export type ReplayPool = ReturnType<typeof makeReplayPool>
