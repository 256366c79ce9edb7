/**
 * The seeded simulation on the real PostgreSQL store (`postgres.ts`), with PostgreSQL-level faults
 * on top of the injected ones: backends terminated mid-transaction, 1 ms statement timeouts, and a
 * writer process SIGKILLed mid-batch. Invariants as in the embedded run: what the killed writer
 * acknowledged is stored once, what it did not is stored exactly once after its client's retry,
 * no acknowledged event is lost or doubled, every chain and seal holds.
 */
import { describe, expect, it } from "vitest"
import { simulateOnPostgres } from "./postgres.ts"

const admin = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
const enabled = process.env["LEDGER_INT_TESTS"] === "1"
const seed = Number(process.env["SIM_SEED"] ?? 11)

describe.runIf(enabled)(
  "simulation on PostgreSQL (terminated backends, statement timeouts, killed writers)",
  () => {
    it(`seed ${seed}: no acknowledged event lost or doubled, chains and seals hold`, async () => {
      const report = await simulateOnPostgres(admin, seed, 40)
      expect(report.acknowledged).toBeGreaterThan(0)
      expect(report.kills).toBeGreaterThan(0)
      expect(report.terminated).toBeGreaterThan(0)
    }, 300_000)
  },
)
