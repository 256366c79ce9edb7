/**
 * `ledger export [--department D --year Y] [--out FILE]`: writes stored events as NDJSON in the
 * import format, so a log can be moved between stores and re-imported (idempotently).
 *
 * @module
 */
import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { Envelope } from "@ledger/domain"
import { toWire } from "@ledger/service"
import { parse, storeFlags, UsageError } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"

/** @see module doc */
export const exportCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    out: { type: "string" },
  })
  if ((values.department === undefined) !== (values.year === undefined)) {
    throw new UsageError("give both --department and --year, or neither")
  }
  return withStore(values, ctx, async (_service, store) => {
    const events =
      values.department !== undefined && values.year !== undefined
        ? await run(
            store.readStream(
              Envelope.streamIdOf({ department: values.department, year: Number(values.year) }),
            ),
          )
        : await run(store.readAll())
    const lines = events.flatMap((e) => {
      const wire = toWire(e) // system streams (keys) are not budget events and are not exported
      return wire === undefined ? [] : [JSON.stringify(wire)]
    })
    const text = lines.map((l) => l + "\n").join("")
    if (values.out !== undefined) await writeFile(resolve(ctx.cwd, values.out), text)
    else ctx.stdout.write(text)
    if (values.out !== undefined) ctx.stderr.write(`wrote ${lines.length} events to ${values.out}\n`)
    return 0
  })
}
