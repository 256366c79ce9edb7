/**
 * What every generated department-year shares whatever its template: the wire event shape, the
 * department code, amounts as whole 百元 (so printed 万元 cells add up exactly) and the emitter that
 * numbers events and keys them, so both templates' generators write the same envelope.
 *
 * @module wire
 */

/** The regional disclosure templates a generated department may publish with. @category models */
export type Template = "shanxi-county-13" | "shanghai-district-9"

/** One wire event (one NDJSON line), exactly as `Envelope.decodeEvent` reads it. @category models */
export interface WireEvent {
  readonly stream: { readonly department: string; readonly year: number }
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: 1
  readonly occurredAt: string
  readonly actor: string
  readonly idempotencyKey: string
  readonly data: unknown
}

/** What identifies a department-year of a province. @category models */
export interface DepartmentYearSpec {
  readonly seed: number
  /** 0-based index of the department in the province. */
  readonly index: number
  readonly year: number
  readonly template: Template
}

/** 元 text of a whole number of 百元. */
export const yuan = (hundreds: number): string => `${hundreds * 100}.00`

/** 万元 text of a whole number of 百元 (exact: two decimals). */
export const wan = (hundreds: number): string => {
  const cents = String(hundreds).padStart(3, "0")
  return `${cents.slice(0, -2)}.${cents.slice(-2)}`
}

/** A number padded with zeros to `width` digits. */
export const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/** The department code of the i-th department (6 digits, from 100001). @category constructors */
export const departmentCode = (index: number): string => String(100_001 + index)

/** Appends one event (numbered and keyed in its stream) to `events`. */
export type Emit = (type: string, occurredAt: string, key: string, data: unknown, actor?: string) => void

/** The events of one department-year and the function that appends to them. */
export const makeEmitter = (
  department: string,
  year: number,
): { readonly events: Array<WireEvent>; readonly emit: Emit } => {
  const events: Array<WireEvent> = []
  const defaultActor = `budget-system:${department}`
  const emit: Emit = (type, occurredAt, key, data, actor = defaultActor) =>
    events.push({
      stream: { department, year },
      eventId: `evt-${department}-${year}-${pad(events.length + 1, 5)}`,
      type,
      schemaVersion: 1,
      occurredAt,
      actor,
      idempotencyKey: `${department}/${year}/${key}`,
      data,
    })
  return { events, emit }
}
