/**
 * Runs an Effect from a Hono handler and rethrows its typed failure as is, so the single error
 * mapper (`errors.ts`) sees the tagged error (`StreamVersionConflict`, `BatchRejected` …) and not a
 * fiber wrapper.
 */
import { Cause, Effect, Exit } from "effect"

/** Runs the effect; resolves with its value or rejects with its (squashed) failure. */
export const run = async <A, E>(effect: Effect.Effect<A, E>): Promise<A> => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return exit.value
  throw Cause.squash(exit.cause)
}
