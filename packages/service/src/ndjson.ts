/**
 * NDJSON reading for imports: one JSON value per line, blank lines ignored. Every malformed line
 * is reported with its number, so a file is fixed in one pass.
 *
 * @module
 */
import { Result } from "effect"
import { BatchRejected, type BatchIssue } from "./errors.ts"

/** A parsed line with its 1-based number in the file. */
export interface NdjsonLine {
  readonly line: number
  readonly value: unknown
}

/** Parses NDJSON text; fails listing every line that is not valid JSON. @category decoding */
export const parseNdjson = (text: string): Result.Result<ReadonlyArray<NdjsonLine>, BatchRejected> => {
  const out: Array<NdjsonLine> = []
  const issues: Array<BatchIssue> = []
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, i) => {
    if (raw.trim() === "") return
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) as unknown })
    } catch (e) {
      issues.push({
        index: out.length + issues.length,
        line: i + 1,
        path: "",
        message: `not valid JSON: ${(e as Error).message}`,
      })
    }
  })
  if (issues.length > 0) return Result.fail(new BatchRejected({ kind: "malformed", issues }))
  return Result.succeed(out)
}
