/**
 * The seeded simulation on the real PostgreSQL store, with PostgreSQL-level faults on top of the
 * injected ones: at random steps every other backend of the scratch database is terminated with
 * `pg_terminate_backend` a few milliseconds into the next operation (mid-transaction when it lands
 * there), and some steps run under a 1 ms `statement_timeout`. Invariants as in the embedded run.
 */
import pg from "pg"
import { makePgEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createScratch, type Scratch } from "../scratch.ts"
import { simulate } from "./simulation.ts"

const admin = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
const enabled = process.env["LEDGER_INT_TESTS"] === "1"
const seed = Number(process.env["SIM_SEED"] ?? 11)
const terminateOthers =
  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"

describe.runIf(enabled)("simulation on PostgreSQL (terminated backends, statement timeouts)", () => {
  let scratch: Scratch
  let killer: pg.Client
  beforeAll(async () => {
    scratch = await createScratch(admin, "sim")
    killer = new pg.Client({ connectionString: scratch.url })
    await killer.connect()
  })
  afterAll(async () => {
    await killer.end()
    await scratch.drop()
  })

  it(`seed ${seed}: no acknowledged event lost or doubled, chains and seals hold`, async () => {
    const store = await Effect.runPromise(makePgEventStore({ connectionString: scratch.url }))
    let terminated = 0
    try {
      const report = await simulate({
        seed,
        steps: 40,
        store,
        heal: async () => {
          await killer.query(`ALTER DATABASE ${scratch.name} RESET statement_timeout`)
          await killer.query(terminateOthers)
        },
        chaos: async (r) => {
          await killer.query(
            `ALTER DATABASE ${scratch.name} ${r.chance(0.1) ? "SET statement_timeout = '1ms'" : "RESET statement_timeout"}`,
          )
          if (!r.chance(0.15)) return
          const delay = r.int(5)
          setTimeout(() => {
            void killer.query(terminateOthers).then((res) => (terminated += res.rowCount ?? 0))
          }, delay)
        },
      })
      expect(report.acknowledged).toBeGreaterThan(0)
    } finally {
      await killer.query(`ALTER DATABASE ${scratch.name} RESET statement_timeout`)
      await Effect.runPromise(store.close())
    }
    expect(terminated).toBeGreaterThan(0)
  }, 300_000)
})
