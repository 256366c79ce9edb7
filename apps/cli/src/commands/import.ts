/**
 * `ledger import FILE [--quiet] [--dry-run [--format txt|json]]`: appends an NDJSON file of events, all or nothing, streaming it
 * line by line (memory is bounded by one batch, whatever the file's size). Each event's
 * idempotency key makes a re-import append nothing; a bad line is reported with its number and
 * nothing is written. Progress (events, events/s, ETA) goes to stderr about once a second;
 * `--quiet` silences it and the closing summary. `--dry-run` writes nothing and prints what the
 * import would do (import-dry-run.ts).
 *
 * @module
 */
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { resolve } from "node:path"
import { createInterface } from "node:readline"
import { importLines, type ImportProgress } from "@ledger/service"
import { parse, storeFlags, UsageError } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"
import { knownDefectsFlags } from "../known-defects.ts"
import { importDryRun } from "./import-dry-run.ts"
import { configOf } from "../config.ts"

const rate = (n: number, ms: number) => (ms <= 0 ? 0 : Math.round((n * 1000) / ms))

/** @see module doc */
export const importCommand: Command = async (argv, ctx) => {
  const { values, positionals } = parse(argv, {
    ...storeFlags,
    actor: { type: "string" },
    quiet: { type: "boolean" },
    "dry-run": { type: "boolean" },
    format: { type: "string", default: "txt" },
    ...knownDefectsFlags,
  })
  const file = positionals[0]
  if (file === undefined) throw new UsageError("import needs a FILE")
  const path = resolve(ctx.cwd, file)
  const size = await stat(path)
    .then((s) => s.size)
    .catch((e: unknown) => {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`)
    })
  const actor = values.actor ?? configOf(ctx.env).actor
  const quiet = values.quiet === true
  if (values["dry-run"] === true)
    return importDryRun(path, { actor, format: values.format, flags: values }, ctx)
  if (values["known-defects"] !== undefined)
    throw new UsageError("--known-defects labels the findings of --dry-run; an import itself prints none")
  return withStore(values, ctx, async (_service, store) => {
    const started = Date.now()
    let lastReport = started
    const onProgress = (p: ImportProgress) => {
      const now = Date.now()
      if (quiet || now - lastReport < 1_000) return
      lastReport = now
      const perSecond = rate(p.lines, now - started)
      const eta = p.bytes <= 0 ? 0 : ((now - started) * (size - p.bytes)) / p.bytes / 1000
      ctx.stderr.write(
        `${p.lines} lines, ${p.appended} events, ${perSecond} lines/s, ${Math.round((100 * p.bytes) / Math.max(size, 1))} %, ETA ${Math.max(0, Math.round(eta))} s\n`,
      )
    }
    const reader = createInterface({
      input: createReadStream(path, { encoding: "utf8" }),
      crlfDelay: Infinity,
    })
    // Take the iterator now: readline starts emitting at once, and lines emitted before an
    // iterator exists are lost (a small file could be read completely while the import is still
    // opening its transaction, and would then look empty).
    const iterator = reader[Symbol.asyncIterator]()
    const lines: AsyncIterable<string> = { [Symbol.asyncIterator]: () => iterator }
    // A fresh request key per run: per-event keys make the re-run append nothing, and the
    // result then says so instead of replaying the first run's counts.
    const key = `import:${size}:${started}`
    const result = await run(importLines(store, lines, { actor, idempotencyKey: key, onProgress }))
    for (const s of result.streams) {
      ctx.stdout.write(`${s.streamId}: versions ${s.fromVersion}..${s.toVersion}\n`)
    }
    ctx.stdout.write(
      `${result.lines} events read, ${result.appended} appended, ${result.skipped} already stored\n`,
    )
    const ms = Date.now() - started
    if (!quiet)
      ctx.stderr.write(
        `imported ${result.appended} events in ${(ms / 1000).toFixed(1)} s (${rate(result.lines, ms)} events/s)\n`,
      )
    return 0
  })
}
