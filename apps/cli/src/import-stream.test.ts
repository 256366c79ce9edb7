/**
 * The streaming import on the embedded store (PGlite in memory): all or nothing across batches,
 * chains intact, re-import appends nothing (cases in `testing/import-cases.ts`).
 */
import { makePgliteEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { it } from "vitest"
import { importCases } from "./testing/import-cases.ts"

it("imports a small province in batches, all or nothing, on PGlite", async () => {
  const store = await Effect.runPromise(makePgliteEventStore())
  try {
    await importCases(store)
  } finally {
    await Effect.runPromise(store.close())
  }
}, 300_000)
