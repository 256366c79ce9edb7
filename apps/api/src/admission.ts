/**
 * Bounded work per request: replays (disclosures, cells, diffs, checks, appends that re-read their
 * stream) pass an admission gate with a concurrency cap and a bounded queue. A request that finds
 * the queue full, or waits longer than its deadline, gets `503 overloaded` with `Retry-After` at
 * once instead of piling up; each admitted replay starts on a fresh turn of the event loop, so
 * answers in between (health, metadata, small reads outside the gate) are never held up by a
 * queue of replays, only by at most one replay running.
 */
import type { MiddlewareHandler } from "hono"
import { problemResponse } from "./errors.ts"
import { Overloaded } from "./overloaded.ts"
import { problem } from "./problem.ts"

/** Limits of the gate. @category models */
export interface AdmissionLimits {
  /** Replays running at once (default 2). */
  readonly maxConcurrent: number
  /** Replays waiting for a slot (default 32); one more is refused. */
  readonly maxQueue: number
  /** Longest wait for a slot, in ms (default 10 s), before the request is refused. */
  readonly deadlineMs: number
  /** Seconds a refused client is told to wait (`Retry-After`, default 1). */
  readonly retryAfterSec: number
}

/** Defaults for a 2-core server. */
export const DEFAULT_ADMISSION: AdmissionLimits = {
  maxConcurrent: 2,
  maxQueue: 32,
  deadlineMs: 10_000,
  retryAfterSec: 1,
}

/** Counts of the gate, for tests and metrics. @category models */
export interface GateStats {
  readonly running: number
  readonly waiting: number
  readonly refused: number
}

/** A concurrency cap with a bounded, deadline-limited queue. @category constructors */
export const makeGate = (limits: AdmissionLimits) => {
  let running = 0
  let refused = 0
  const waiting: Array<{ readonly admit: () => void }> = []
  const release = () => {
    const next = waiting.shift()
    if (next === undefined) running--
    else next.admit()
  }
  const acquire = (): Promise<void> => {
    if (running < limits.maxConcurrent) {
      running++
      return Promise.resolve()
    }
    if (waiting.length >= limits.maxQueue) {
      refused++
      return Promise.reject(new Overloaded(`${running} replays running and ${waiting.length} waiting`))
    }
    return new Promise<void>((admit, refuse) => {
      const entry = {
        admit: () => {
          clearTimeout(timer)
          admit()
        },
      }
      const timer = setTimeout(() => {
        const i = waiting.indexOf(entry)
        if (i >= 0) waiting.splice(i, 1)
        refused++
        refuse(new Overloaded(`no replay slot within ${limits.deadlineMs} ms`))
      }, limits.deadlineMs)
      waiting.push(entry)
    })
  }
  return {
    /** Runs `work` in a slot, on a fresh turn of the event loop; rejects with {@link Overloaded}. */
    run: async <T>(work: () => Promise<T>): Promise<T> => {
      await acquire()
      try {
        await new Promise<void>((turn) => setImmediate(turn))
        return await work()
      } finally {
        release()
      }
    },
    stats: (): GateStats => ({ running, waiting: waiting.length, refused }),
  }
}

/** A gate as Hono middleware: refused requests get `503 overloaded` with `Retry-After`. @category middleware */
export const admission =
  (gate: ReturnType<typeof makeGate>, limits: AdmissionLimits): MiddlewareHandler =>
  async (c, next) => {
    try {
      await gate.run(() => next())
    } catch (error) {
      if (!(error instanceof Overloaded)) throw error
      return problemResponse(problem("overloaded", `the server is busy: ${error.message}; retry later`), {
        "retry-after": String(limits.retryAfterSec),
      })
    }
  }
