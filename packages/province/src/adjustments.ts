/**
 * The mid-year changes after a publication, the same on every template: 追加/追减 of project lines
 * and reclassifications of 办公费 (30201) to 会议费 (30215). Only the new 会议费 line differs by
 * template (a Shanxi line carries its 政府经济分类, a Shanghai one does not), so the caller builds it.
 *
 * @module
 */
import type { Random } from "./random.ts"
import type { makeEmitter } from "./wire.ts"
import { pad, yuan } from "./wire.ts"

/** What the changes need of a generated line: its id, where it sits and its amount in 百元. */
interface AdjustableLine {
  readonly lineId: string
  readonly unitCode: string
  readonly functionCode: string
  readonly expenditure: Readonly<Record<string, string>>
  hundreds: number
}

/** The department-year the changes are made in. @category models */
export interface Adjustments<L extends AdjustableLine> {
  readonly r: Random
  readonly emit: ReturnType<typeof makeEmitter>["emit"]
  readonly year: number
  /** The department's short name, for the 文号. */
  readonly short: string
  /** The sector's work, for the reason of an increase. */
  readonly work: string
  /** How many changes at most (drawn from 0 to it). */
  readonly most: number
  /** The lines: reclassified lines are appended to it. */
  readonly lines: Array<L>
  /** The 会议费 line a reclassification creates from an 办公费 line. */
  readonly meetingLine: (from: L, lineId: string, hundreds: number) => L
  /** A line as the event format writes it. */
  readonly wire: (line: L) => unknown
}

/**
 * Emits the changes: each is, with odds 0.6, an increase (0.7) or a cut of a project line, else a
 * move of part of an 办公费 line to a new 会议费 line. Draws from `r` in a fixed order, so a
 * department-year is the same on every run.
 * @category generators
 */
export const emitAdjustments = <L extends AdjustableLine>(a: Adjustments<L>): void => {
  const { r, emit, year, lines } = a
  const projects = lines.filter((l) => l.expenditure["kind"] === "project")
  const offices = lines.filter((l) => l.expenditure["deptEconomicCode"] === "30201")
  const count = r.int(0, a.most)
  for (let k = 1; k <= count; k++) {
    const adjustmentId = `ADJ-${year}-${pad(k, 3)}`
    const documentNumber = `${a.short}财预〔${year}〕${r.int(1, 99)}号`
    const occurredAt = `${year}-${pad(4 + k, 2)}-${pad(r.int(1, 28), 2)}`
    if (r.chance(0.6)) {
      const target = r.pick(projects)
      const up = r.chance(0.7)
      const delta = up ? r.int(10, 500) : -Math.min(target.hundreds - 1, r.int(1, 100))
      if (delta === 0) continue
      target.hundreds += delta
      emit("AdjustmentRecorded", occurredAt, `adjustment/${adjustmentId}`, {
        adjustmentId,
        reason: up ? `${a.work}任务增加，追加经费` : "项目压减，追减经费",
        documentNumber,
        change: {
          kind: "amount",
          lineId: target.lineId,
          delta: `${delta < 0 ? "-" : ""}${yuan(Math.abs(delta))}`,
        },
      })
    } else {
      const from = r.pick(offices)
      const moved = Math.min(from.hundreds - 1, r.int(10, 200))
      if (moved <= 0) continue
      from.hundreds -= moved
      const toLine = a.meetingLine(from, `${from.unitCode}-${from.functionCode}-30215-${adjustmentId}`, moved)
      lines.push(toLine)
      emit("AdjustmentRecorded", occurredAt, `adjustment/${adjustmentId}`, {
        adjustmentId,
        reason: "调剂办公费用于召开工作会议",
        documentNumber,
        change: { kind: "reclassification", fromLineId: from.lineId, toLine: a.wire(toLine) },
      })
    }
  }
}
