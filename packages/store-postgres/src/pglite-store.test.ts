/**
 * The contract, tamper evidence and migration rules on embedded PGlite. One PGlite instance for
 * the whole file (a start costs seconds); tests isolate by stream ids, tamper cases roll back.
 */
import { Effect } from "effect"
import { sql } from "kysely"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runEventStoreContract, runError } from "@ledger/eventstore/testing"
import { makeKyselyEventStore } from "./kysely-store.ts"
import { KNOWN_SCHEMA_VERSION, migrate } from "./migrate.ts"
import { openPglite } from "./pglite-store.ts"
import { runTamperCases } from "./testing-fixtures/tamper-cases.ts"

const opened = Effect.runPromise(openPglite({}))
// A PGlite start plus migrations takes 5-20 s on a loaded machine; count it against the hook, not a test.
beforeAll(() => opened, 120_000)
afterAll(async () => {
  await (await opened).db.destroy()
})

runTamperCases("pglite", async () => {
  const { db } = await opened
  await sql`begin`.execute(db)
  return {
    db,
    store: makeKyselyEventStore(db, { destroy: () => Promise.resolve() }),
    done: async () => {
      await sql`rollback`.execute(db)
    },
  }
})

describe("migrations on pglite", () => {
  const snapshot = async () => {
    const { db } = await opened
    const cols = await sql`select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' order by 1, 2`.execute(db)
    const runs = await sql`select name from kysely_migration order by name`.execute(db)
    const fns =
      await sql`select proname, md5(prosrc) as src from pg_proc where proname like 'ledger_%' order by 1`.execute(
        db,
      )
    return JSON.stringify([cols.rows, runs.rows, fns.rows])
  }

  it("running them again changes nothing", async () => {
    const { db } = await opened
    const before = await snapshot()
    expect(await Effect.runPromise(migrate(db))).toBe(KNOWN_SCHEMA_VERSION)
    expect(await snapshot()).toBe(before)
  })

  it("refuses a database whose schema is newer, with a clear message", async () => {
    const { db } = await opened
    await sql`begin`.execute(db)
    try {
      await sql`update ledger_schema set version = ${KNOWN_SCHEMA_VERSION + 1}`.execute(db)
      const error = await runError(migrate(db))
      expect(error).toMatchObject({
        _tag: "SchemaTooNew",
        found: KNOWN_SCHEMA_VERSION + 1,
        known: KNOWN_SCHEMA_VERSION,
      })
      expect(error.message).toMatch(/newer than this release knows/)
    } finally {
      await sql`rollback`.execute(db)
    }
  })
})

runEventStoreContract("pglite (in memory)", async () => {
  const { db } = await opened
  return makeKyselyEventStore(db, { destroy: () => Promise.resolve() })
})
