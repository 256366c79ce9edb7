/**
 * A format of a replayed document, as the API sends it: rendered by `@ledger/render` (the open-data
 * formats with the budget lines of the same replay), or printed to PDF by `@ledger/print` — one
 * browser at a time, since each print starts a Chromium process. The one format list is
 * `FORMATS` of `@ledger/render`; this module only supplies what a format needs. `@ledger/print`
 * is imported with the first PDF, not at start: its browser driver (playwright-core) alone holds
 * ≈ 80 MiB resident once loaded, and most servers never print.
 */
import { Taxonomy } from "@ledger/domain"
import { openDataLines, type Replayed } from "@ledger/projections"
import { type Format, FORMATS, isPrinted, render } from "@ledger/render"
import { Effect, Result } from "effect"
import { run } from "./run.ts"

/** A format's bytes (or text) and content type. @category models */
export interface Produced {
  readonly body: Uint8Array | string
  readonly contentType: string
}

let printing: Promise<unknown> = Promise.resolve()

/** Runs `task` after every print already queued (one Chromium at a time per process). */
const oneAtATime = <A>(task: () => Promise<A>): Promise<A> => {
  const next = printing.then(task, task)
  printing = next.catch(() => undefined)
  return next
}

/**
 * The document of `replayed` in format `f`: PDF printed from its HTML (the document hash in the
 * PDF's metadata); `fdp` and `ndjson` from the open-data lines of the same state.
 * @category rendering
 */
export const produce = async (replayed: Replayed, f: Format): Promise<Produced> => {
  const doc = replayed.disclosure
  if (isPrinted(f)) {
    const bytes = await oneAtATime(async () => {
      const { printDisclosure } = await import("@ledger/print")
      return run(printDisclosure(doc))
    })
    return { body: bytes, contentType: FORMATS[f].mediaType }
  }
  const taxonomy = Taxonomy.forYear(doc.fiscalYear)
  if (Result.isFailure(taxonomy)) return run(Effect.fail(taxonomy.failure))
  const r = render(doc, f, { lines: openDataLines(replayed.state, doc.fiscalYear, taxonomy.success) })
  return { body: r.body, contentType: r.mediaType }
}
