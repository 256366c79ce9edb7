/**
 * `ledger taxonomy [--year Y] [--format json|txt]`: prints the classification budget-ledger holds
 * for a fiscal year (default: the latest it has), the same listing as `GET /v1/taxonomy/{year}`.
 * Reads no store.
 *
 * @module
 */
import { Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { parse, UsageError } from "../args.ts"
import type { Command } from "./context.ts"

/** @see module doc */
export const taxonomyCommand: Command = async (argv, ctx) => {
  const { values } = parse(argv, { year: { type: "string" }, format: { type: "string" } })
  const format = values.format ?? "txt"
  if (format !== "json" && format !== "txt") throw new UsageError("--format must be json or txt")
  const years = Taxonomy.years()
  const yearText = values.year ?? String(years[years.length - 1] ?? "")
  if (!/^\d{4}$/.test(yearText)) throw new UsageError("--year YYYY must be a four-digit year")
  const taxonomy = Taxonomy.forYear(Number(yearText))
  if (Result.isFailure(taxonomy)) {
    ctx.stderr.write(`budget-ledger holds no classification for ${yearText}; it holds ${years.join(", ")}\n`)
    return 1
  }
  const listing = taxonomy.success.listing()
  ctx.stdout.write(
    format === "json" ? JSON.stringify(listing, null, 2) + "\n" : Taxonomy.listingText(listing),
  )
  return 0
}
