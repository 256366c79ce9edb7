/**
 * `ledger import FILE`: appends an NDJSON file of events, all or nothing. Each event's idempotency
 * key makes a re-import append nothing; a bad line is reported with its number and nothing is written.
 *
 * @module
 */
import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { CanonicalJson } from "@ledger/domain"
import { parse, storeFlags, UsageError } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"

/** @see module doc */
export const importCommand: Command = async (argv, ctx) => {
  const { values, positionals } = parse(argv, { ...storeFlags, actor: { type: "string" } })
  const file = positionals[0]
  if (file === undefined) throw new UsageError("import needs a FILE")
  const text = await readFile(resolve(ctx.cwd, file), "utf8").catch((e: unknown) => {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`)
  })
  const actor = values.actor ?? ctx.env["USER"] ?? "cli"
  return withStore(values, ctx, async (service) => {
    // A fresh request key per run: per-event keys make the re-run append nothing, and the
    // result then says so instead of replaying the first run's counts.
    const key = `import:${CanonicalJson.sha256Hex(text).slice(0, 16)}:${Date.now()}`
    const result = await run(service.importNdjson(text, { actor, idempotencyKey: key }))
    for (const s of result.streams) {
      ctx.stdout.write(`${s.streamId}: versions ${s.fromVersion}..${s.toVersion}\n`)
    }
    ctx.stdout.write(
      `${result.lines} events read, ${result.appended} appended, ${result.skipped} already stored\n`,
    )
    return 0
  })
}
