/**
 * The service's own typed errors. Each names what was wrong precisely enough for a finance
 * system to fix its input: the event's index (or NDJSON line) and the field path.
 *
 * @module
 */
import { Data } from "effect"

/** One reason a batch was refused. `index` is 0-based in the batch; `line` is 1-based in an NDJSON file. */
export interface BatchIssue {
  readonly index: number
  readonly line?: number | undefined
  readonly path: string
  readonly message: string
  readonly rule?: string | undefined
}

/** The batch was not written, not even in part, because of these issues. @category errors */
export class BatchRejected extends Data.TaggedError("BatchRejected")<{
  readonly kind: "malformed" | "invalid" | "rule-violation"
  readonly issues: ReadonlyArray<BatchIssue>
}> {
  override get message(): string {
    return this.issues
      .slice(0, 20)
      .map(
        (i) =>
          `${i.line !== undefined ? `line ${i.line}` : `event ${i.index}`}: ${i.path || "(event)"}: ${i.message}`,
      )
      .join("\n")
  }
}

/** No event has been recorded for this department-year. @category errors */
export class UnknownDepartmentYear extends Data.TaggedError("UnknownDepartmentYear")<{
  readonly department: string
  readonly year: number
}> {}
