/**
 * Why a disclosure could not be built. Each error names what is missing or wrong.
 *
 * @module disclosure-errors
 */
import { Data } from "effect"

/** The chosen state holds no event at all. @category errors */
export class EmptySelection extends Data.TaggedError("EmptySelection")<{ readonly asOf: string }> {
  override get message(): string {
    return `no events are selected by as-of ${this.asOf}`
  }
}

/** The stream has no DepartmentProfileRecorded event before the chosen point. @category errors */
export class MissingDepartmentProfile extends Data.TaggedError("MissingDepartmentProfile")<{
  readonly streamId: string
}> {
  override get message(): string {
    return `stream ${this.streamId} has no DepartmentProfileRecorded event`
  }
}

/** The stream id is not a department-year budget stream ("002/2026"). @category errors */
export class NotABudgetStream extends Data.TaggedError("NotABudgetStream")<{ readonly streamId: string }> {
  override get message(): string {
    return `"${this.streamId}" is not a department-year budget stream id`
  }
}

/** Codes of budget lines the year's taxonomy does not know; each names the line and its field. @category errors */
export class UnresolvedCodes extends Data.TaggedError("UnresolvedCodes")<{
  readonly year: number
  readonly codes: ReadonlyArray<{ readonly lineId: string; readonly field: string; readonly code: string }>
}> {
  override get message(): string {
    return this.codes
      .map((c) => `line ${c.lineId}: ${c.field} ${c.code} is not in the ${this.year} taxonomy`)
      .join("; ")
  }
}
