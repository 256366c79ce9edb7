/**
 * Command-line parsing for `pnpm ledger`: flags are declared once per command, and a bad flag is a
 * usage error with the command's help, never a stack trace.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util"
import { AsOf } from "@ledger/projections"
import { Result } from "effect"

/** The option table node:util parseArgs takes. */
export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>

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
 * An as-of flag (`--as-of`, `--from`, `--to`) in the one string form of `@ledger/projections`'
 * `AsOf` — the same text the API's `asOf` query takes; absent means `fallback`. A text that is not
 * a point (`yesterday`, `2026-02-30`) is a usage error naming the flag.
 */
export const parseAsOf = (text: string | undefined, flag = "--as-of", fallback = "current"): AsOf => {
  const decoded = AsOf.decode(text ?? fallback, flag)
  if (Result.isFailure(decoded)) throw new UsageError(decoded.failure.message)
  return decoded.success
}

/** Flags of the commands that print a report of findings (`check`, `reconcile`). */
export const reportFlags = {
  format: { type: "string", default: "json" },
  lang: { type: "string", default: "en" },
} as const

/** The validated report flags: json or txt, English for developers or Chinese for officials. */
export const reportOptions = (values: {
  readonly format?: string | undefined
  readonly lang?: string | undefined
}): { readonly format: "json" | "txt"; readonly lang: "en" | "zh" } => {
  const { format = "json", lang = "en" } = values
  if (format !== "json" && format !== "txt") throw new UsageError("--format must be json or txt")
  if (lang !== "en" && lang !== "zh") throw new UsageError("--lang must be zh or en")
  return { format, lang }
}
