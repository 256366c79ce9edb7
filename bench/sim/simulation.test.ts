/**
 * A short seeded simulation run (seconds) on the in-memory store and on embedded PGlite: faults
 * injected, invariants checked after every run. `SIM_SEED=<n>` replays one seed; the long form is
 * `pnpm sim --runs 1000`.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { makePgliteEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { simulate } from "./simulation.ts"

const fixed = process.env["SIM_SEED"]
const seeds = fixed !== undefined ? [Number(fixed)] : [1, 2, 3, 4]

describe("simulation (VOPR-style)", () => {
  it.each(seeds)(
    "seed %i on the in-memory store: no acknowledged event lost or doubled, chains and seals hold",
    async (seed) => {
      const report = await simulate({ seed, steps: 40, store: makeMemoryEventStore() })
      expect(report.acknowledged).toBeGreaterThan(0)
      expect(report.faults).toBeGreaterThan(0)
    },
  )

  it("the same seed replays the same run", async () => {
    const a = await simulate({ seed: 42, steps: 40, store: makeMemoryEventStore() })
    const b = await simulate({ seed: 42, steps: 40, store: makeMemoryEventStore() })
    expect(b).toEqual(a)
  })

  it("a run on embedded PGlite keeps every invariant", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ledger-sim-"))
    const store = await Effect.runPromise(makePgliteEventStore({ dataDir: dir }))
    try {
      const report = await simulate({ seed: Number(fixed ?? 7), steps: 20, store })
      expect(report.acknowledged).toBeGreaterThan(0)
    } finally {
      await Effect.runPromise(store.close())
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
