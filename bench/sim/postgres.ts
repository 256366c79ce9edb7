/**
 * The simulation on real PostgreSQL, shared by the short run in the test command
 * (`simulation.int.test.ts`) and the long one (`pnpm sim --store postgres`): a scratch database
 * and, on top of the injected faults, PostgreSQL-level ones — every other backend terminated a few
 * milliseconds into the next operation (mid-transaction when it lands there), steps under a 1 ms
 * `statement_timeout`, and a writer process (`writer-child.ts`) SIGKILLed a seeded few milliseconds
 * after it connects (before, inside or between its transactions).
 *
 * @module
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import pg from "pg"
import type { AppendInput } from "@ledger/service"
import { makePgEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { createScratch } from "../scratch.ts"
import { simulate, type SimReport } from "./simulation.ts"

const writerChild = fileURLToPath(new URL("./writer-child.ts", import.meta.url))
const root = fileURLToPath(new URL("../../", import.meta.url))
const terminateOthers =
  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"

/** Runs the writer process on `url` and SIGKILLs it `delayMs` after it is connected; the keys it acknowledged. */
const killWriter =
  (url: string) =>
  (requests: ReadonlyArray<AppendInput>, delayMs: number): Promise<ReadonlyArray<string>> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", writerChild, url, JSON.stringify(requests)], {
        cwd: root,
        stdio: ["ignore", "pipe", "ignore"],
      })
      const acked: Array<string> = []
      let out = ""
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8")
        const lines = out.split("\n")
        out = lines.pop() ?? ""
        for (const line of lines) {
          if (line === "ready") setTimeout(() => child.kill("SIGKILL"), delayMs)
          else if (line.startsWith("ack ")) acked.push(line.slice(4))
        }
      })
      child.on("exit", () => resolve(acked))
    })

/** What a PostgreSQL run did beyond the {@link SimReport}: backends it terminated. */
export interface PgSimReport extends SimReport {
  readonly terminated: number
}

/** One seeded run on a fresh scratch database of the server at `admin` (dropped afterwards). */
export const simulateOnPostgres = async (
  admin: string,
  seed: number,
  steps: number,
): Promise<PgSimReport> => {
  const scratch = await createScratch(admin, "sim")
  const killer = new pg.Client({ connectionString: scratch.url })
  await killer.connect()
  const store = await Effect.runPromise(makePgEventStore({ connectionString: scratch.url }))
  let terminated = 0
  try {
    const report = await simulate({
      seed,
      steps,
      store,
      killWriter: killWriter(scratch.url),
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
    return { ...report, terminated }
  } finally {
    await killer.query(`ALTER DATABASE ${scratch.name} RESET statement_timeout`)
    await Effect.runPromise(store.close())
    await killer.end()
    await scratch.drop()
  }
}
