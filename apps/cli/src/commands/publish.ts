/**
 * `ledger publish --department D --year Y`: seals the current state as the published disclosure —
 * a DisclosurePublished event with the position, chain head and document hash it was rendered from.
 *
 * @module
 */
import { departmentYear, parse, storeFlags, UsageError } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"

/** @see module doc */
export const publishCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    date: { type: "string" },
    actor: { type: "string" },
  })
  const { department, year } = departmentYear(values)
  const date = values.date ?? new Date().toISOString().slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError("--date must be YYYY-MM-DD")
  const actor = values.actor ?? ctx.env["USER"] ?? "cli"
  return withStore(values, ctx, async (service) => {
    const seal = await run(service.publish(department, year, actor, date))
    ctx.stdout.write(JSON.stringify(seal, null, 2) + "\n")
    return 0
  })
}
