/**
 * Loads the reference department's fixture (`fixtures/tunliu-government-office/events.ndjson`)
 * and the published reference document, resolved from the repository root, for tests.
 *
 * @module testing/fixture
 */
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { Envelope } from "@ledger/domain"
import { Result } from "effect"

/** The monorepo root (three levels above this file). @category constants */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..")

/** The fixture NDJSON of the reference department. @category constants */
export const fixturePath = path.join(repoRoot, "fixtures/tunliu-government-office/events.ndjson")

/** The reference document; CI puts `shared/` beside the repository. @category constants */
export const referencePath = path.resolve(
  repoRoot,
  "../shared/seed/disclosure-2026-tunliu-government-office.txt",
)

/** Decodes every line of an NDJSON file with `Envelope.decodeEvent`; throws naming the first bad line. @category constructors */
export const readNdjson = (file: string): ReadonlyArray<Envelope.EnvelopedEvent> =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const r = Envelope.decodeEvent(JSON.parse(l))
      if (Result.isFailure(r)) throw new Error(`${file}:${i + 1}: ${r.failure.message}`)
      return r.success
    })
