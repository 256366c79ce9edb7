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
import { foldLogged, type Replayed } from "../disclosure.ts"
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

/**
 * Where a carryover (上年结转) line came from: the line of the earlier year its 年终结转 named,
 * that line's own contributions (the events of that year that made it) and the year-end close
 * events that carried it out, as the ledger held them at this document's point. @category models
 */
const OriginView = Schema.Struct({
  year: Schema.Int,
  lineId: Schema.String,
  amount: Schema.String,
  closedAmount: Schema.String,
  contributions: Schema.Array(ContributionView),
  yearEndClose: Schema.Array(EventRefView),
}).annotate({ identifier: "ProvenanceOrigin" })

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
  origin: Schema.optional(OriginView),
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
const wanToYuan = (wan: string): Money.Money => Money.fromWan(Money.make(wan))

/** An event reference with what the log says of it (when the log holding it is at hand). */
const refView = (ref: BudgetState.EventRef, byVersion: ReadonlyMap<number, LoggedEvent>) => {
  const e = byVersion.get(ref.version)?.meta
  return {
    version: ref.version,
    ...(ref.position !== undefined ? { position: ref.position } : {}),
    ...(ref.eventId !== undefined ? { eventId: ref.eventId } : {}),
    ...(ref.occurredAt !== undefined ? { occurredAt: ref.occurredAt } : {}),
    ...(e ? { recordedAt: e.recordedAt, actor: e.actor, hash: e.hash } : {}),
  }
}

const contributionsOf = (l: BudgetState.LineState, byVersion: ReadonlyMap<number, LoggedEvent>) =>
  l.contributions.map((c) => ({
    type: c.type,
    amount: c.amount,
    ...(c.documentNumber !== undefined ? { documentNumber: c.documentNumber } : {}),
    event: refView(c.ref, byVersion),
  }))

/** Other years' logs of the department, by year (see `DepartmentYears`). */
type OtherYears = ReadonlyMap<number, ReadonlyArray<LoggedEvent>>

/** The origin of a carryover line in its origin year's log, up to global position `cut`. */
const originView = (l: BudgetState.LineState, years: OtherYears | undefined, cut: number) => {
  if (l.originYear === undefined || l.sourceLineId === undefined) return undefined
  const log = (years?.get(l.originYear) ?? []).filter((e) => e.meta.position <= cut)
  if (log.length === 0) return undefined
  const state = foldLogged(log)
  const source = state.lines.get(l.sourceLineId)
  if (source === undefined) return undefined
  const byVersion = new Map(log.map((e) => [e.meta.version, e]))
  const closed = state.closing.get(l.sourceLineId)
  return {
    year: l.originYear,
    lineId: l.sourceLineId,
    amount: source.amount,
    closedAmount: closed?.amount ?? Money.zero,
    contributions: contributionsOf(source, byVersion),
    yearEndClose: (closed?.refs ?? []).map((r) => refView(r, byVersion)),
  }
}

/** A line of a state with its contributions' events (and a carryover's origin), given the events that built it. */
const lineView = (
  state: BudgetState.BudgetState,
  byVersion: ReadonlyMap<number, LoggedEvent>,
  lineId: string,
  origins: { readonly years: OtherYears | undefined; readonly cut: number },
) => {
  const l = state.lines.get(lineId)
  if (l === undefined) return undefined
  const origin = l.vintage === "carryover" ? originView(l, origins.years, origins.cut) : undefined
  return {
    lineId,
    amount: l.amount,
    vintage: l.vintage,
    unitCode: l.line.unitCode,
    fundingSource: l.line.fundingSource,
    functionCode: l.line.functionCode,
    expenditure: l.line.expenditure,
    contributions: contributionsOf(l, byVersion),
    ...(origin === undefined ? {} : { origin }),
  }
}

/**
 * Traces cell (`tableId`, `row`, `col`) of a replay's disclosure to the lines and events of the
 * same replay; given the department's other years (`years`), a carryover line reaches back to its
 * origin line and the 年终结转 that carried it, as the log stood at the replay's last event.
 * @category projections
 */
export const traceCell = (
  replayed: Replayed,
  tableId: string,
  row: number,
  col: number,
  years?: OtherYears,
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
  const origins = { years, cut: events[events.length - 1]?.meta.position ?? 0 }
  const lines = (lineIds ?? []).flatMap((id) => {
    const v = lineView(state, byVersion, id, origins)
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
