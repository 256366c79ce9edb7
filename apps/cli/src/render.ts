/**
 * Output formats of `ledger disclosure`. JSON is the public `budget-disclosure/v1` contract; the
 * other formats come from @ledger/render.
 *
 * @module
 */
import type { Disclosure } from "@ledger/projections"

/** The formats the command accepts. */
export const FORMATS = ["json", "html", "txt", "csv", "xlsx"] as const
/** @see FORMATS */
export type Format = (typeof FORMATS)[number]

/** Renders a disclosure to bytes. */
export const renderAs = async (doc: Disclosure, format: Format): Promise<Uint8Array> => {
  if (format === "json") return new TextEncoder().encode(JSON.stringify(doc, null, 2) + "\n")
  throw new Error(`format ${format} is not available yet`)
}
