/**
 * `ledger verify`: recomputes every hash chain of the store; exits 3 (`EXIT_BROKEN_HISTORY`) naming
 * the first bad stream and position when history was modified, deleted, reordered, inserted into
 * or back-dated.
 *
 * @module
 */
import { parse, storeFlags } from "../args.ts"
import { EXIT_BROKEN_HISTORY } from "../errors.ts"
import { run, withStore, type Command } from "./context.ts"

/** @see module doc */
export const verifyCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, storeFlags)
  return withStore(values, ctx, async (_service, store) => {
    const result = await run(store.verify())
    if (result.ok) {
      ctx.stdout.write(`ok: ${result.checked} events in ${result.streams} streams verified\n`)
      return 0
    }
    ctx.stderr.write(
      `BROKEN: stream ${result.streamId} at position ${result.position} (version ${result.version}): ${result.reason} — ${result.detail}\n`,
    )
    return EXIT_BROKEN_HISTORY
  })
}
