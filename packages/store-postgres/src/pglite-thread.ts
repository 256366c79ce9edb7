/**
 * The embedded database in a worker thread: PGlite (PostgreSQL compiled to WebAssembly) runs its
 * queries synchronously in the thread that owns it, so in the API's request thread every query
 * stopped HTTP, decoding and the rules of the requests behind it. Here `pglite-worker.ts` owns it
 * and this module gives Kysely's PGlite dialect the one thing it calls, `query(sql, params)` (and
 * `close()`), as messages; queries keep their order (the dialect runs one connection, and the
 * worker's PGlite runs them in the order they arrive). Errors come back with their fields
 * (`message`, `detail`, `code`), which is all the store reads of them.
 *
 * The worker starts as the API's replay pool's do (`module-worker.ts`: tsx's loader under tsx and
 * Vitest; the API's bundle, `scripts/build-api.mjs`, has `pglite-worker.js` beside this module's chunk).
 *
 * @module
 */
import type { PGlite } from "@electric-sql/pglite"
import { startModuleWorker } from "./module-worker.ts"
import type { ThreadAnswer, ThreadReady, ThreadRequest } from "./pglite-worker.ts"

/** What Kysely's PGlite dialect uses of a PGlite instance. @category models */
export type PgliteQueries = Pick<PGlite, "query" | "close">

/** An error rebuilt from the fields the worker sent. */
const rebuild = (fields: Record<string, unknown>): Error =>
  Object.assign(
    new Error(typeof fields["message"] === "string" ? fields["message"] : "PGlite failed"),
    fields,
  )

/**
 * Opens PGlite (in `dataDir`, or in memory) in a worker thread and resolves once it is ready.
 * @category constructors
 */
export const openPgliteThread = (dataDir: string | undefined): Promise<PgliteQueries> =>
  new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, "pglite-worker", { dataDir })
    const pending = new Map<number, { ok: (a: ThreadAnswer) => void; fail: (e: Error) => void }>()
    let nextId = 0
    let ready = false
    let gone: Error | undefined
    const ask = (request: ThreadRequest): Promise<ThreadAnswer> =>
      new Promise((ok, fail) => {
        if (gone !== undefined) return fail(gone)
        if (pending.size === 0) worker.ref()
        pending.set(request.id, { ok, fail })
        worker.postMessage(request)
      })
    const settle = (id: number) => {
      const waiting = pending.get(id)
      pending.delete(id)
      if (pending.size === 0) worker.unref()
      return waiting
    }
    const end = (error: Error) => {
      gone ??= error
      if (!ready) reject(error)
      for (const id of [...pending.keys()]) settle(id)?.fail(error)
    }
    worker.on("message", (message: ThreadAnswer | ThreadReady) => {
      if ("ready" in message) {
        ready = true
        // Once open, only queries in flight keep the process alive (as a socket to PostgreSQL would).
        if (pending.size === 0) worker.unref()
        resolve({
          query: async <T>(sql: string, params: Array<unknown> = []) => {
            const answer = await ask({ id: nextId++, sql, params })
            if ("error" in answer) throw rebuild(answer.error)
            return {
              rows: answer.rows as Array<T>,
              fields: [],
              ...(answer.affectedRows !== undefined ? { affectedRows: answer.affectedRows } : {}),
            }
          },
          close: async () => {
            if (gone !== undefined) return
            await ask({ id: nextId++, close: true })
            gone = new Error("PGlite was closed")
            await worker.terminate()
          },
        })
      } else if ("failed" in message) end(new Error(message.failed))
      else settle(message.id)?.ok(message)
    })
    worker.on("error", end)
    worker.on("exit", (code) => end(new Error(`the PGlite thread exited with code ${code}`)))
  })
