/**
 * `pnpm sim [--runs N] [--steps N] [--seed N] [--store memory|pglite|postgres]`: the long form of the
 * simulation — N seeds from `--seed` (or `SIM_SEED`, default 1) upwards; prints each run's report
 * and, on failure, the seed to replay with `SIM_SEED=<seed> pnpm sim --runs 1`. Exit 1 on any failure.
 * `--store postgres` runs each seed on a scratch database of `LEDGER_PG_URL` (default the local
 * server) with terminated backends, statement timeouts and SIGKILLed writer processes (`postgres.ts`).
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { parseArgs } from "node:util"
import { makeMemoryEventStore, type EventStoreShape } from "@ledger/eventstore"
import { makePgliteEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { simulateOnPostgres } from "./postgres.ts"
import { simulate, type SimReport } from "./simulation.ts"

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100" },
    steps: { type: "string", default: "100" },
    seed: { type: "string" },
    store: { type: "string", default: "memory" },
  },
})
const first = Number(values.seed ?? process.env["SIM_SEED"] ?? 1)
const runs = Number(values.runs)
const steps = Number(values.steps)

const open = async (): Promise<{ store: EventStoreShape; done: () => Promise<void> }> => {
  if (values.store !== "pglite") return { store: makeMemoryEventStore(), done: async () => undefined }
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-sim-"))
  const store = await Effect.runPromise(makePgliteEventStore({ dataDir: dir }))
  return {
    store,
    done: async () => {
      await Effect.runPromise(store.close())
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs `f` on a fresh memory or PGlite store and closes it. */
async function onLocal<A>(f: (store: EventStoreShape) => Promise<A>): Promise<A> {
  const { store, done } = await open()
  try {
    return await f(store)
  } finally {
    await done()
  }
}

let failed = 0
for (let seed = first; seed < first + runs; seed++) {
  try {
    const r: SimReport & { readonly terminated?: number } =
      values.store === "postgres"
        ? await simulateOnPostgres(
            process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres",
            seed,
            steps,
          )
        : await onLocal((store) => simulate({ seed, steps, store }))
    console.log(
      `seed ${seed}: ok — ${r.acknowledged} acknowledged, ${r.refused} refused, ${r.conflicts} conflicts, ${r.faults} faults, ${r.publishes} publishes, ${r.kills} writers killed${r.terminated !== undefined ? `, ${r.terminated} backends terminated` : ""}`,
    )
  } catch (error) {
    failed++
    console.log(`seed ${seed}: FAILED — ${error instanceof Error ? error.message : String(error)}`)
    console.log(`  replay: SIM_SEED=${seed} pnpm sim --runs 1 --steps ${steps} --store ${values.store}`)
  }
}
console.log(`${runs - failed} of ${runs} runs kept every invariant`)
process.exitCode = failed > 0 ? 1 : 0
