/**
 * The child process of `fresh-store.ts`: creates (PostgreSQL's `initdb`) and migrates the embedded
 * store in the folder given as its argument, closes it and exits — 0 when the store is ready, 1
 * otherwise (the server then opens the folder itself and reports why).
 *
 * @module
 */
import { makePgliteEventStore } from "@ledger/store-postgres"
import { Effect, Exit } from "effect"

const dir = process.argv[2]
const exit =
  dir === undefined
    ? undefined
    : await Effect.runPromiseExit(
        Effect.flatMap(makePgliteEventStore({ dataDir: dir }), (store) => store.close()),
      )
process.exitCode = exit !== undefined && Exit.isSuccess(exit) ? 0 : 1
