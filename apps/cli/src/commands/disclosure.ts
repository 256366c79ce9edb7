/**
 * `ledger disclosure --department D --year Y [--as-of …] [--format …] [--out FILE]`: replays the
 * department-year and renders its disclosure as of the point asked for.
 *
 * @module
 */
import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { departmentYear, parse, parseAsOf, storeFlags, UsageError } from "../args.ts"
import { FORMATS, renderAs, writeCsvFolder, type Format } from "../render.ts"
import { run, withStore, type Command } from "./context.ts"

/** @see module doc */
export const disclosureCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    "as-of": { type: "string" },
    format: { type: "string", default: "json" },
    out: { type: "string" },
  })
  const { department, year } = departmentYear(values)
  const asOf = parseAsOf(values["as-of"])
  const format = values.format as Format
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`)
  return withStore(values, ctx, async (service) => {
    const replayed = await run(service.replay(department, year, asOf))
    const doc = replayed.disclosure
    if (format === "csv" && values.out?.endsWith("/")) {
      const n = await writeCsvFolder(doc, resolve(ctx.cwd, values.out))
      ctx.stderr.write(`wrote ${n} CSV files to ${values.out} (documentHash ${doc.documentHash})\n`)
      return 0
    }
    const bytes = await renderAs(replayed, format)
    if (values.out !== undefined) {
      await writeFile(resolve(ctx.cwd, values.out), bytes)
      ctx.stderr.write(`wrote ${values.out} (${bytes.byteLength} bytes, documentHash ${doc.documentHash})\n`)
    } else {
      ctx.stdout.write(bytes)
    }
    return 0
  })
}
