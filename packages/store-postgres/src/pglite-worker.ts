/**
 * The worker thread of `pglite-thread.ts`: opens the embedded database (its folder, or in memory)
 * and runs the queries the request thread sends, one message each, answering with the rows or the
 * error's fields. PGlite runs PostgreSQL compiled to WebAssembly synchronously in its thread; here
 * that thread is not the one serving HTTP, so on two cores the database and Node's own work on the
 * next requests overlap.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import { PGlite } from "@electric-sql/pglite"
import { PGLITE_OPTIONS } from "./pglite-options.ts"

/** A query from the request thread; `close` ends the database (the answer comes once it is closed). */
export type ThreadRequest =
  | { readonly id: number; readonly sql: string; readonly params: ReadonlyArray<unknown> }
  | { readonly id: number; readonly close: true }

/** The answer to one {@link ThreadRequest}. */
export type ThreadAnswer =
  | { readonly id: number; readonly rows: ReadonlyArray<unknown>; readonly affectedRows?: number | undefined }
  | { readonly id: number; readonly error: Record<string, unknown> }

/** What the thread says once: the database is open, or why it is not. */
export type ThreadReady = { readonly ready: true } | { readonly failed: string }

/** An error's own fields (PGlite's `DatabaseError`: message, detail, code…), which a message can carry. */
const fieldsOf = (error: unknown): Record<string, unknown> => {
  if (typeof error !== "object" || error === null) return { message: String(error) }
  const fields: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(error))
    if (typeof v !== "function" && typeof v !== "object") fields[k] = v
  fields["message"] = (error as { message?: unknown }).message
  return fields
}

const port = parentPort
if (port !== null) {
  const { dataDir } = workerData as { readonly dataDir?: string | undefined }
  try {
    const db = dataDir === undefined ? new PGlite(PGLITE_OPTIONS) : new PGlite(dataDir, PGLITE_OPTIONS)
    await db.waitReady
    port.on("message", (request: ThreadRequest) => {
      if ("close" in request) {
        void db.close().finally(() => {
          port.postMessage({ id: request.id, rows: [] } satisfies ThreadAnswer)
          port.close()
        })
        return
      }
      // PGlite runs its queries one at a time in the order they were asked.
      db.query(request.sql, [...request.params]).then(
        (r) =>
          port.postMessage({
            id: request.id,
            rows: r.rows,
            affectedRows: r.affectedRows,
          } satisfies ThreadAnswer),
        (error: unknown) =>
          port.postMessage({ id: request.id, error: fieldsOf(error) } satisfies ThreadAnswer),
      )
    })
    port.postMessage({ ready: true } satisfies ThreadReady)
  } catch (error) {
    port.postMessage({ failed: String(error) } satisfies ThreadReady)
  }
}
