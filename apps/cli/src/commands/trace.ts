/**
 * `ledger trace --department D --year Y --cell TABLE/ROW/COL [--as-of …] [--format json|txt]`: the
 * provenance of one printed cell — its budget lines, their 元 amounts and the events behind them,
 * and the rounding to the printed 万元 — from the same replay and the same pure function as the
 * API's `GET …/disclosure/cells/{table}/{row}/{col}`.
 *
 * @module
 */
import type { CellProvenance } from "@ledger/projections"
import { departmentYear, parse, parseAsOf, storeFlags, UsageError } from "../args.ts"
import { run, withStore, type Command } from "./context.ts"

/** `TABLE/ROW/COL` (0-based row and column of `tables[].rows[].cells`). */
const parseCell = (text: string | undefined) => {
  const m = /^([0-9A-Za-z-]{1,20})\/(\d{1,5})\/(\d{1,3})$/.exec(text ?? "")
  if (m === null) throw new UsageError("--cell TABLE/ROW/COL is required (e.g. --cell 1/3/1)")
  return { table: m[1] as string, row: Number(m[2]), col: Number(m[3]) }
}

/** The provenance as lines a person reads: the cell, each line with its events, the rounding. */
const asText = (p: CellProvenance): string =>
  [
    `table ${p.table} ${p.tableTitle}, row ${p.row} "${p.rowLabel}", column ${p.col} "${p.column}": ${p.printed} ${p.unit}`,
    ...p.lines.flatMap((l) => [
      `  line ${l.lineId}: ${l.amount} 元 (${l.fundingSource}, ${l.functionCode})`,
      ...l.contributions.map(
        (c) =>
          `    ${c.type} ${c.amount} 元 at version ${c.event.version}${c.event.actor ? ` by ${c.event.actor}` : ""}`,
      ),
      ...(l.origin === undefined
        ? []
        : [
            `    carried from ${l.origin.year} line ${l.origin.lineId} (${l.origin.amount} 元; its year-end close carried ${l.origin.closedAmount} 元)`,
            ...l.origin.contributions.map(
              (c) =>
                `      ${l.origin?.year} ${c.type} ${c.amount} 元 (event ${c.event.eventId ?? c.event.version})`,
            ),
            ...l.origin.yearEndClose.map(
              (e) =>
                `      ${l.origin?.year} YearEndClosed (event ${e.eventId ?? e.version}, ${e.occurredAt ?? ""})`,
            ),
          ]),
    ]),
    `  sum ${p.sumYuan} 元 = ${p.exactWan} 万元 → ${p.roundedWan} (rounding ${p.roundingYuan} 元); ${p.matchesPrinted ? "matches" : "DOES NOT match"} the printed figure`,
    `  documentHash ${p.documentHash}`,
  ].join("\n") + "\n"

/** @see module doc */
export const traceCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, {
    ...storeFlags,
    department: { type: "string" },
    year: { type: "string" },
    cell: { type: "string" },
    "as-of": { type: "string" },
    format: { type: "string", default: "json" },
  })
  const { department, year } = departmentYear(values)
  const cell = parseCell(values.cell)
  const asOf = parseAsOf(values["as-of"])
  if (values.format !== "json" && values.format !== "txt")
    throw new UsageError("--format must be json or txt")
  return withStore(values, ctx, async (service) => {
    const traced = await run(service.trace(department, year, asOf, cell))
    ctx.stdout.write(values.format === "json" ? JSON.stringify(traced, null, 2) + "\n" : asText(traced))
    return 0
  })
}
