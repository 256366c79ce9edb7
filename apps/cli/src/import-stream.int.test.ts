/**
 * The streaming import on PostgreSQL, in a scratch database: the same cases as on PGlite — a bad
 * line after several appended batches writes nothing, the chains verify, a re-import appends nothing.
 */
import { execFileSync } from "node:child_process"
import { makePgEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { afterAll, beforeAll, it } from "vitest"
import { importCases } from "./testing/import-cases.ts"

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
