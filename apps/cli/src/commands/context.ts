/**
 * What a command gets from the process: environment, output streams and the working folder —
 * passed in, so commands are testable in process.
 *
 * @module
 */
import { EventStore, type EventStoreShape } from "@ledger/eventstore"
import { LedgerService, type LedgerServiceShape, makeLedgerService } from "@ledger/service"
import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect"
import { configOf } from "../config.ts"
import { chooseStore, storeLayer } from "../store.ts"

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

/** Runs an Effect (in `runtime` when given), throwing its typed failure so `main` can describe it. */
export const run = async <A, E, R = never>(
  effect: Effect.Effect<A, E, R>,
  ...runtime: [R] extends [never] ? [] : [ManagedRuntime.ManagedRuntime<R, unknown>]
): Promise<A> => {
  const exit = await (runtime[0] === undefined
    ? Effect.runPromiseExit(effect as Effect.Effect<A, E>)
    : runtime[0].runPromiseExit(effect))
  if (Exit.isSuccess(exit)) return exit.value
  const failure = Cause.findErrorOption(exit.cause)
  // Typed failures are tagged errors (Error subclasses); defects are squashed into one.
  throw failure._tag === "Some" ? (failure.value as Error) : (Cause.squash(exit.cause) as Error)
}

/**
 * Builds the command's one runtime — the store chosen by the flags and the configuration, and
 * `LedgerService` over it — hands the services to `body`, and always disposes the runtime, which
 * closes the store (also when opening it half-succeeded).
 */
export const withStore = async <A>(
  flags: { readonly store?: string | undefined; readonly "database-url"?: string | undefined },
  ctx: CommandContext,
  body: (service: LedgerServiceShape, store: EventStoreShape) => Promise<A>,
): Promise<A> => {
  if (ctx.store !== undefined) return body(makeLedgerService(ctx.store), ctx.store)
  const choice = chooseStore({ store: flags.store, databaseUrl: flags["database-url"] }, configOf(ctx.env))
  const runtime = ManagedRuntime.make(Layer.provideMerge(LedgerService.layer, storeLayer(choice)))
  try {
    const { service, store } = await run(
      Effect.gen(function* () {
        return { service: yield* LedgerService, store: yield* EventStore }
      }),
      runtime,
    )
    return await body(service, store)
  } finally {
    await runtime.dispose()
  }
}
