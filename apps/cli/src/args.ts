/**
 * Command-line parsing for `pnpm ledger`: flags are declared once per command, and a bad flag is a
 * usage error with the command's help, never a stack trace.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util"

/** The option table node:util parseArgs takes. */
export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>
import type { AsOf } from "@ledger/projections"

/** A usage mistake: printed with the help text, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError"
}

/** Flags every store-backed command takes. */
export const storeFlags = {
  store: { type: "string" },
  "database-url": { type: "string" },
} as const

/** Parses argv for one command, turning node's errors into UsageErrors. */
export const parse = <const O extends ParseArgsOptionsConfig>(argv: ReadonlyArray<string>, options: O) => {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

/** `--department` and `--year`, both required. */
export const departmentYear = (values: { readonly department?: unknown; readonly year?: unknown }) => {
  const department = typeof values.department === "string" ? values.department : undefined
  const yearText = typeof values.year === "string" ? values.year : undefined
  if (!department) throw new UsageError("--department CODE is required")
  if (!yearText || !/^\d{4}$/.test(yearText)) throw new UsageError("--year YYYY is required")
  return { department, year: Number(yearText) }
}

/**
 * `--as-of`: `published`, a log position, an ISO time (recorded time), or `occurred:DATE` for the
 * business date; absent means the current state.
 */
export const parseAsOf = (text: string | undefined): AsOf => {
  if (text === undefined || text === "current" || text === "now") return { _tag: "Current" }
  if (text === "published") return { _tag: "Published" }
  if (/^\d+$/.test(text)) return { _tag: "Position", position: Number(text) }
  if (text.startsWith("occurred:")) return { _tag: "OccurredAt", at: text.slice("occurred:".length) }
  if (!Number.isNaN(Date.parse(text))) return { _tag: "RecordedAt", at: text }
  throw new UsageError(`--as-of must be published, a position, an ISO time or occurred:DATE, not "${text}"`)
}
