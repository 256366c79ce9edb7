/**
 * The difference between two replays of one department-year (pure, so the API's `…/diff` and
 * `ledger diff` answer alike): every table cell whose printed value changed (rows matched by their codes and label, so an added row is a change, not a shift),
 * every narrative section whose text changed, and for each cell the events between the two points
 * that touched the lines behind it.
 */
import { Schema } from "effect"
import type { Replayed } from "../disclosure.ts"
import type { Disclosure, DisclosureRow } from "../disclosure-schema.ts"
import { formatAsOf } from "../as-of.ts"
import { columnOf, rowLabelOf } from "./column.ts"

const EventSummary = Schema.Struct({
  position: Schema.Int,
  version: Schema.Int,
  eventId: Schema.String,
  type: Schema.String,
  occurredAt: Schema.String,
  recordedAt: Schema.String,
  actor: Schema.String,
  documentNumber: Schema.optional(Schema.String),
  amount: Schema.String,
  lineId: Schema.String,
})

/** One changed cell. @category models */
export const CellChange = Schema.Struct({
  table: Schema.String,
  tableTitle: Schema.String,
  rowLabel: Schema.String,
  column: Schema.String,
  col: Schema.Int,
  fromRow: Schema.NullOr(Schema.Int),
  toRow: Schema.NullOr(Schema.Int),
  old: Schema.String,
  new: Schema.String,
  lineIds: Schema.Array(Schema.String),
  events: Schema.Array(EventSummary),
})
/** @category models */
export type CellChange = typeof CellChange.Type

/** The diff answer. @category models */
export const DisclosureDiff = Schema.Struct({
  from: Schema.Struct({ asOf: Schema.String, position: Schema.Int, documentHash: Schema.String }),
  to: Schema.Struct({ asOf: Schema.String, position: Schema.Int, documentHash: Schema.String }),
  cells: Schema.Array(CellChange),
  narrative: Schema.Array(
    Schema.Struct({ id: Schema.String, title: Schema.String, old: Schema.String, new: Schema.String }),
  ),
}).annotate({ identifier: "DisclosureDiff" })
/** @category models */
export type DisclosureDiff = typeof DisclosureDiff.Type

const rowKey = (r: DisclosureRow): string => JSON.stringify([r.kind ?? "", r.codes ?? {}, r.cells[0] ?? ""])

/** Pairs rows of two versions of a table by key (then by order among equal keys). */
const pairRows = (a: ReadonlyArray<DisclosureRow>, b: ReadonlyArray<DisclosureRow>) => {
  const pending = new Map<string, Array<number>>()
  a.forEach((r, i) => pending.set(rowKey(r), [...(pending.get(rowKey(r)) ?? []), i]))
  const pairs: Array<[number | null, number | null]> = []
  b.forEach((r, j) => {
    const list = pending.get(rowKey(r))
    const i = list?.shift()
    pairs.push([i ?? null, j])
  })
  for (const list of pending.values()) for (const i of list) pairs.push([i, null])
  return pairs
}

/**
 * Compares the replay `fromReplay` with the replay `toReplay` of the same stream; the events
 * reported per cell are those after `from`'s position that contributed to one of the cell's lines
 * (taken from `to`'s state, which holds them). @category projections
 */
export const diffDisclosures = (
  fromReplay: Pick<Replayed, "asOf" | "disclosure">,
  toReplay: Replayed,
): DisclosureDiff => {
  const from: Disclosure = fromReplay.disclosure
  const to: Disclosure = toReplay.disclosure
  const state = toReplay.state
  const byVersion = new Map(toReplay.events.map((e) => [e.meta.version, e]))
  const eventsFor = (lineIds: ReadonlyArray<string>) =>
    lineIds.flatMap((lineId) =>
      (state.lines.get(lineId)?.contributions ?? [])
        .filter((c) => (c.ref.position ?? 0) > from.asOf.position)
        .flatMap((c) => {
          const e = byVersion.get(c.ref.version)
          return e
            ? [
                {
                  position: e.meta.position,
                  version: e.meta.version,
                  eventId: e.meta.eventId,
                  type: e.event.type,
                  occurredAt: e.meta.occurredAt,
                  recordedAt: e.meta.recordedAt,
                  actor: e.meta.actor,
                  ...(c.documentNumber !== undefined ? { documentNumber: c.documentNumber } : {}),
                  amount: c.amount,
                  lineId,
                },
              ]
            : []
        }),
    )
  const cells: Array<CellChange> = []
  const tableIds = [...new Set([...from.tables.map((t) => t.id), ...to.tables.map((t) => t.id)])]
  for (const id of tableIds) {
    const ta = from.tables.find((t) => t.id === id)
    const tb = to.tables.find((t) => t.id === id)
    const table = tb ?? ta
    if (table === undefined) continue
    for (const [i, j] of pairRows(ta?.rows ?? [], tb?.rows ?? [])) {
      const ra = i === null ? undefined : ta?.rows[i]
      const rb = j === null ? undefined : tb?.rows[j]
      const width = Math.max(ra?.cells.length ?? 0, rb?.cells.length ?? 0)
      for (let col = 0; col < width; col++) {
        const old = ra?.cells[col] ?? ""
        const now = rb?.cells[col] ?? ""
        if (old === now) continue
        const lineIds = [
          ...new Set([...(ra?.cellLines?.[col] ?? []), ...(rb?.cellLines?.[col] ?? [])]),
        ].sort()
        cells.push({
          table: id,
          tableTitle: table.title,
          rowLabel: rowLabelOf(table.header, (rb ?? ra)?.cells ?? [], col),
          column: columnOf(table.header, col),
          col,
          fromRow: i,
          toRow: j,
          old,
          new: now,
          lineIds,
          events: eventsFor(lineIds),
        })
      }
    }
  }
  const narrative = to.narrative.flatMap((s) => {
    const old = from.narrative.find((o) => o.id === s.id)?.text ?? ""
    return old === s.text ? [] : [{ id: s.id, title: s.title, old, new: s.text }]
  })
  return {
    from: {
      asOf: formatAsOf(fromReplay.asOf),
      position: from.asOf.position,
      documentHash: from.documentHash,
    },
    to: { asOf: formatAsOf(toReplay.asOf), position: to.asOf.position, documentHash: to.documentHash },
    cells,
    narrative,
  }
}
