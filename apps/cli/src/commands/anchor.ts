/**
 * `ledger anchor [--out FILE]`: prints (or writes) an anchor — the timestamped digest of every
 * stream head, HMAC-signed when `LEDGER_ANCHOR_KEY` is set — to keep outside the database.
 * `ledger verify --anchor FILE` later proves the log still holds what was anchored.
 *
 * @module
 */
import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { makeAnchor } from "@ledger/eventstore"
import { Clock, Effect } from "effect"
import { parse, storeFlags } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"
import { configOf } from "../config.ts"

/** @see module doc */
export const anchorCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, { ...storeFlags, out: { type: "string" } })
  return withStore(values, ctx, async (_service, store) => {
    const heads = await run(store.listStreams())
    const now = await run(Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString()))
    const anchor = makeAnchor(heads, now, configOf(ctx.env).anchorKey)
    const text = JSON.stringify(anchor, null, 2) + "\n"
    if (values.out === undefined) ctx.stdout.write(text)
    else {
      await writeFile(resolve(ctx.cwd, values.out), text)
      ctx.stderr.write(`anchored ${heads.length} streams to ${values.out} (digest ${anchor.digest})\n`)
    }
    return 0
  })
}
