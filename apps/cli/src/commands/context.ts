/**
 * What a command gets from the process: environment, output streams and the working folder —
 * passed in, so commands are testable in process.
 *
 * @module
 */
import type { EventStoreShape } from "@ledger/eventstore"
import { makeLedgerService, type LedgerService } from "@ledger/service"
import { Cause, Effect, Exit } from "effect"
import { chooseStore, openStore } from "../store.ts"

/** The process around a command. */
export interface CommandContext {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly stdout: { write(chunk: string | Uint8Array): unknown }
  readonly stderr: { write(chunk: string | Uint8Array): unknown }
  readonly cwd: string
  /** An already open store to use instead of the flags' (in-process tests); it is not closed. */
  readonly store?: EventStoreShape | undefined
}

/** A command: argv after its name → exit code. */
export type Command = (argv: ReadonlyArray<string>, ctx: CommandContext) => Promise<number>

/** Runs an Effect, throwing its typed failure so `main` can describe it. */
export const run = async <A, E>(effect: Effect.Effect<A, E>): Promise<A> => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return exit.value
  const failure = Cause.findErrorOption(exit.cause)
  // Typed failures are tagged errors (Error subclasses); defects are squashed into one.
  throw failure._tag === "Some" ? (failure.value as Error) : (Cause.squash(exit.cause) as Error)
}

/** Opens the store chosen by the flags, hands it and a service to `body`, and always closes it. */
export const withStore = async <A>(
  flags: { readonly store?: string | undefined; readonly "database-url"?: string | undefined },
  ctx: CommandContext,
  body: (service: LedgerService, store: EventStoreShape) => Promise<A>,
): Promise<A> => {
  if (ctx.store !== undefined) return body(makeLedgerService(ctx.store), ctx.store)
  const choice = chooseStore(
    { store: flags.store, databaseUrl: flags["database-url"] },
    { DATABASE_URL: ctx.env["DATABASE_URL"], LEDGER_STORE: ctx.env["LEDGER_STORE"] },
  )
  const store = await run(openStore(choice))
  try {
    return await body(makeLedgerService(store), store)
  } finally {
    await run(store.close())
  }
}
