/**
 * The provenance of one printed cell (a pure function of one replay, so the API's
 * `…/disclosure/cells/…` and `ledger trace --cell` answer alike): the budget lines behind it with their amounts in 元 and the
 * events that made each amount, their exact sum, and how that sum rounds to the printed 万元
 * figure (the 尾差 of a published table is the difference between rounding each cell on its own
 * and adding rounded cells).
 */
import { BudgetLine, Money } from "@ledger/domain"
import type { BudgetState } from "@ledger/domain"
import { Data, Result, Schema } from "effect"
import type { Replayed } from "../disclosure.ts"
import type { LoggedEvent } from "../logged-event.ts"
import { columnOf, rowLabelOf } from "./column.ts"

/** The cell asked for is not in the document; the message says what is. @category errors */
export class NoSuchCell extends Data.TaggedError("NoSuchCell")<{ readonly detail: string }> {
  override get message(): string {
    return this.detail
  }
}

const EventRefView = Schema.Struct({
  position: Schema.optional(Schema.Int),
  version: Schema.Int,
  eventId: Schema.optional(Schema.String),
  occurredAt: Schema.optional(Schema.String),
  recordedAt: Schema.optional(Schema.String),
  actor: Schema.optional(Schema.String),
  hash: Schema.optional(Schema.String),
})

/** One contribution to a line's amount. @category models */
export const ContributionView = Schema.Struct({
  type: Schema.String,
  amount: Schema.String,
  documentNumber: Schema.optional(Schema.String),
  event: EventRefView,
})

/** A line behind a cell. @category models */
export const LineView = Schema.Struct({
  lineId: Schema.String,
  amount: Schema.String,
  vintage: Schema.String,
  unitCode: Schema.String,
  fundingSource: Schema.String,
  functionCode: Schema.String,
  expenditure: BudgetLine.Expenditure,
  contributions: Schema.Array(ContributionView),
}).annotate({ identifier: "ProvenanceLine" })

/** The provenance answer. @category models */
export const CellProvenance = Schema.Struct({
  table: Schema.String,
  tableTitle: Schema.String,
  row: Schema.Int,
  col: Schema.Int,
  rowLabel: Schema.String,
  column: Schema.String,
  printed: Schema.String,
  unit: Schema.String,
  amountCell: Schema.Boolean,
  lines: Schema.Array(LineView),
  sumYuan: Schema.String,
  exactWan: Schema.String,
  roundedWan: Schema.String,
  roundingYuan: Schema.String,
  matchesPrinted: Schema.Boolean,
  documentHash: Schema.String,
}).annotate({ identifier: "CellProvenance" })
/** @category models */
export type CellProvenance = typeof CellProvenance.Type

/** 元 → 万元 without rounding: the decimal point moves four places (`"1234.5"` → `"0.123450"`). */
const exactWan = (yuan: Money.Money): string => {
  const negative = yuan.startsWith("-")
  const [int = "0", frac = "00"] = yuan.replace("-", "").split(".")
  const digits = (int + frac).padStart(7, "0")
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, "")
  return `${negative && /[1-9]/.test(digits) ? "-" : ""}${whole}.${digits.slice(-6)}`
}

/**
 * A rounded 万元 figure back in 元 (`"0.12"` → `"1200.00"`), by exact multiplication: the 元 figure
 * of a large column can pass the 15 integer digits a wire amount may have, so it is never re-parsed.
 */
const wanToYuan = (wan: string): Money.Money => Money.times(Money.make(wan), "10000")

/** A line of a state with its contributions' events, given the events that built it. */
const lineView = (
  state: BudgetState.BudgetState,
  byVersion: ReadonlyMap<number, LoggedEvent>,
  lineId: string,
) => {
  const l = state.lines.get(lineId)
  if (l === undefined) return undefined
  return {
    lineId,
    amount: l.amount,
    vintage: l.vintage,
    unitCode: l.line.unitCode,
    fundingSource: l.line.fundingSource,
    functionCode: l.line.functionCode,
    expenditure: l.line.expenditure,
    contributions: l.contributions.map((c) => {
      const e = byVersion.get(c.ref.version)?.meta
      return {
        type: c.type,
        amount: c.amount,
        ...(c.documentNumber !== undefined ? { documentNumber: c.documentNumber } : {}),
        event: {
          version: c.ref.version,
          ...(c.ref.position !== undefined ? { position: c.ref.position } : {}),
          ...(c.ref.eventId !== undefined ? { eventId: c.ref.eventId } : {}),
          ...(c.ref.occurredAt !== undefined ? { occurredAt: c.ref.occurredAt } : {}),
          ...(e ? { recordedAt: e.recordedAt, actor: e.actor, hash: e.hash } : {}),
        },
      }
    }),
  }
}

/**
 * Traces cell (`tableId`, `row`, `col`) of a replay's disclosure to the lines and events of the
 * same replay. @category projections
 */
export const traceCell = (
  replayed: Replayed,
  tableId: string,
  row: number,
  col: number,
): Result.Result<CellProvenance, NoSuchCell> => {
  const { disclosure: doc, events, state } = replayed
  const missing = (detail: string) => Result.fail(new NoSuchCell({ detail }))
  const table = doc.tables.find((t) => t.id === tableId)
  if (table === undefined)
    return missing(`no table ${tableId}; tables are ${doc.tables.map((t) => t.id).join(", ")}`)
  const r = table.rows[row]
  if (r === undefined) return missing(`table ${tableId} has ${table.rows.length} rows; no row ${row}`)
  const printed = r.cells[col]
  if (printed === undefined)
    return missing(`row ${row} of table ${tableId} has ${r.cells.length} cells; no column ${col}`)
  const lineIds = r.cellLines?.[col] ?? null
  const byVersion = new Map(events.map((e) => [e.meta.version, e]))
  const lines = (lineIds ?? []).flatMap((id) => {
    const v = lineView(state, byVersion, id)
    return v ? [v] : []
  })
  const sum = Money.sum(lines.map((l) => l.amount))
  const rounded = Money.toWan(sum)
  return Result.succeed({
    table: table.id,
    tableTitle: table.title,
    row,
    col,
    rowLabel: rowLabelOf(table.header, r.cells, col),
    column: columnOf(table.header, col),
    printed,
    unit: table.unit,
    amountCell: lineIds !== null,
    lines,
    sumYuan: sum,
    exactWan: exactWan(sum),
    roundedWan: rounded,
    roundingYuan: Money.sub(wanToYuan(rounded), sum),
    matchesPrinted: lineIds === null || Money.toWanCell(sum) === printed,
    documentHash: doc.documentHash,
  })
}
