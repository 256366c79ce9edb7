/**
 * `ledger verify [--anchor FILE]`: recomputes every hash chain of the store; exits 3
 * (`EXIT_BROKEN_HISTORY`) naming the first bad stream and position when history was modified,
 * deleted, reordered, inserted into or back-dated. With `--anchor`, also checks that every stream
 * still holds the head recorded in that anchor file (`ledger anchor`), which catches a chain
 * rewritten from the start or a cut tail; the signature is checked when `LEDGER_ANCHOR_KEY` is set.
 *
 * @module
 */
import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { Anchor, checkAnchor } from "@ledger/eventstore"
import { Schema } from "effect"
import { parse, storeFlags, UsageError } from "../args.ts"
import { EXIT_BROKEN_HISTORY } from "../errors.ts"
import { run, withStore, type Command } from "./context.ts"
import { configOf } from "../config.ts"

const decodeAnchor = Schema.decodeUnknownSync(Anchor)

const readAnchor = async (path: string): Promise<Anchor> => {
  try {
    return decodeAnchor(JSON.parse(await readFile(path, "utf8")))
  } catch (e) {
    throw new UsageError(`--anchor ${path} is not an anchor file: ${(e as Error).message}`)
  }
}

/** @see module doc */
export const verifyCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, { ...storeFlags, anchor: { type: "string" } })
  const anchor = values.anchor === undefined ? undefined : await readAnchor(resolve(ctx.cwd, values.anchor))
  return withStore(values, ctx, async (_service, store) => {
    const result = await run(store.verify())
    if (!result.ok) {
      ctx.stderr.write(
        `BROKEN: stream ${result.streamId} at position ${result.position} (version ${result.version}): ${result.reason} — ${result.detail}\n`,
      )
      return EXIT_BROKEN_HISTORY
    }
    if (anchor !== undefined) {
      const mismatch = await run(checkAnchor(store, anchor, configOf(ctx.env).anchorKey))
      if (mismatch !== undefined) {
        ctx.stderr.write(
          `BROKEN: against the anchor of ${anchor.createdAt}: stream ${mismatch.streamId} version ${mismatch.version}: ${mismatch.reason} — ${mismatch.detail}\n`,
        )
        return EXIT_BROKEN_HISTORY
      }
    }
    ctx.stdout.write(
      `ok: ${result.checked} events in ${result.streams} streams verified${anchor === undefined ? "" : `; all ${anchor.heads.length} anchored heads of ${anchor.createdAt} present`}\n`,
    )
    return 0
  })
}
