/**
 * The streaming import on PostgreSQL, in a scratch database: the same cases as on PGlite — a bad
 * line after several appended batches writes nothing, the chains verify, a re-import appends nothing
 * — and the COPY path's own: a stream the import took to be empty (it did not exist when the import
 * began, so it is not read) but that another writer created meanwhile makes the import refuse.
 */
import { execFileSync } from "node:child_process"
import { generateProvince } from "@ledger/province"
import { importLines } from "@ledger/service"
import { makePgEventStore } from "@ledger/store-postgres"
import { Effect, Exit } from "effect"
import { afterAll, beforeAll, expect, it } from "vitest"
import { importCases } from "./testing/import-cases.ts"

async function* linesOf(texts: ReadonlyArray<string>): AsyncGenerator<string> {
  for (const t of texts) yield t
}

const admin = new URL(process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres")
const dbName = `ledger_import_${process.pid}_${Date.now()}`
const url = new URL(admin)
url.pathname = `/${dbName}`
const psql = (sql: string) =>
  execFileSync("psql", [admin.toString(), "-v", "ON_ERROR_STOP=1", "-qc", sql], { stdio: "pipe" })

beforeAll(() => psql(`CREATE DATABASE ${dbName}`))
afterAll(() => psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`))

it("imports a small province in batches, all or nothing, on PostgreSQL", async () => {
  const store = await Effect.runPromise(makePgEventStore({ connectionString: url.toString() }))
  try {
    await importCases(store)
  } finally {
    await Effect.runPromise(store.close())
  }
}, 300_000)

it("refuses, writing nothing, when a stream it took to be empty was written meanwhile", async () => {
  psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  psql(`CREATE DATABASE ${dbName}`)
  const store = await Effect.runPromise(makePgEventStore({ connectionString: url.toString() }))
  try {
    const [zero, first, second] = [...generateProvince({ departments: 3, years: 1, seed: 78 })].map((dy) =>
      dy.events.map((e) => JSON.stringify(e)),
    )
    // The year's partition exists before (creating it would wait for the import's transaction).
    await Effect.runPromise(importLines(store, linesOf(zero ?? []), { idempotencyKey: "zero" }))
    const before = await Effect.runPromise(store.listStreams())
    const secondLines = second ?? []
    // The other writer appends the second stream's first event after the import has begun and
    // before the import meets that stream (one batch: nothing of the import's is written yet).
    async function* lines(): AsyncGenerator<string> {
      yield* first ?? []
      await Effect.runPromise(
        importLines(store, linesOf(secondLines.slice(0, 1)), { idempotencyKey: "other" }),
      )
      yield* secondLines
    }
    const refused = await Effect.runPromiseExit(importLines(store, lines(), { idempotencyKey: "import" }))
    expect(Exit.isFailure(refused)).toBe(true)
    expect(JSON.stringify(refused)).toContain("StreamVersionConflict")
    const heads = await Effect.runPromise(store.listStreams())
    expect(heads.map((h) => h.version).sort()).toEqual([1, ...before.map((h) => h.version)].sort())

    // Run again, the stream is read, its one event is already stored, and the rest is appended.
    const all = [...(first ?? []), ...secondLines]
    const again = await Effect.runPromise(importLines(store, linesOf(all), { idempotencyKey: "again" }))
    expect(again.appended).toBe(all.length - 1)
    expect(again.skipped).toBe(1)
  } finally {
    await Effect.runPromise(store.close())
  }
}, 300_000)
