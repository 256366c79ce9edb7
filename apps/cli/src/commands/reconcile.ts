/**
 * `ledger reconcile FILE --department D --year Y [--as-of …] [--format json|txt] [--known-defects REGISTRY]`:
 * compares a published disclosure (text extracted from its PDF) with what the ledger derives, and
 * prints every discrepancy, labelling the §5.2 defects the registry acknowledges on that document. Exits 0 when the report was produced, whatever it found: findings are data.
 *
 * @module
 */
import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { discrepancyIn, reconcile } from "@ledger/audit"
import { Result } from "effect"
import {
  departmentYear,
  parse,
  parseAsOf,
  reportFlags,
  reportOptions,
  storeFlags,
  UsageError,
} from "../args.ts"
import { knownDefectsFlags, knownDefectsOf } from "../known-defects.ts"
import { run, withStore, type Command } from "./context.ts"

/** @see module doc */
export const reconcileCommand: Command = async (argv, ctx) => {
  const { values, positionals } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    "as-of": { type: "string", default: "published" },
    ...reportFlags,
    ...knownDefectsFlags,
  })
  const file = positionals[0]
  if (file === undefined) throw new UsageError("reconcile needs the published document's text FILE")
  const { department, year } = departmentYear(values)
  const { format, lang } = reportOptions(values)
  const asOf = parseAsOf(values["as-of"])
  const text = await readFile(resolve(ctx.cwd, file), "utf8").catch((e: unknown) => {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`)
  })
  const knownDefects = await knownDefectsOf(values, ctx)
  return withStore(values, ctx, async (service) => {
    const replay = await run(service.replay(department, year, asOf))
    const result = reconcile({
      publishedText: text,
      disclosure: replay.disclosure,
      state: replay.state,
      knownDefects,
    })
    if (Result.isFailure(result)) throw result.failure
    const discrepancies = result.success.discrepancies.map((d) => discrepancyIn(d, lang))
    if (format === "json") {
      ctx.stdout.write(JSON.stringify({ discrepancies }, null, 2) + "\n")
    } else {
      for (const d of discrepancies) {
        ctx.stdout.write(`${d.rule}\t${d.place}\t${d.published}\t${d.ledger}\t${d.message}\n`)
      }
      ctx.stdout.write(`${discrepancies.length} discrepancies\n`)
    }
    return 0
  })
}
