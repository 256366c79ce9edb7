/**
 * `ledger diff --department D --year Y [--from published] [--to current] [--format json|txt]`: what
 * changed between two as-of points — each changed cell with its old and new value and the events
 * that changed it, and each changed narrative section — both points replayed from one read, by the
 * same pure function as the API's `GET …/diff`.
 *
 * @module
 */
import type { DisclosureDiff } from "@ledger/projections"
import { departmentYear, parse, parseAsOf, storeFlags, UsageError } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"

/** One line per changed cell and section, then a count. */
const asText = (d: DisclosureDiff): string =>
  [
    `from ${d.from.asOf} (position ${d.from.position}, ${d.from.documentHash})`,
    `to   ${d.to.asOf} (position ${d.to.position}, ${d.to.documentHash})`,
    ...d.cells.map(
      (c) =>
        `table ${c.table}\t${c.rowLabel}\t${c.column}\t${c.old || "—"} → ${c.new || "—"}\t${c.events.map((e) => e.eventId).join(",")}`,
    ),
    ...d.narrative.map((n) => `narrative ${n.id}\t${n.title}\tchanged`),
    `${d.cells.length} cells and ${d.narrative.length} sections changed`,
  ].join("\n") + "\n"

/** @see module doc */
export const diffCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    format: { type: "string", default: "json" },
  })
  const { department, year } = departmentYear(values)
  const from = parseAsOf(values.from, "--from", "published")
  const to = parseAsOf(values.to, "--to", "current")
  if (values.format !== "json" && values.format !== "txt")
    throw new UsageError("--format must be json or txt")
  return withStore(values, ctx, async (service) => {
    const diff = await run(service.diff(department, year, from, to))
    ctx.stdout.write(values.format === "json" ? JSON.stringify(diff, null, 2) + "\n" : asText(diff))
    return 0
  })
}
