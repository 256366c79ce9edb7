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

/** The reference department's 2025 stream (partly invented, docs/fixture.md §6): published, then closed into 2026. @category constants */
export const fixture2025Path = path.join(repoRoot, "fixtures/tunliu-government-office/events-2025.ndjson")

/** Published documents the golden tests compare against, kept in the repository. @category constants */
export const referenceDocuments = path.join(repoRoot, "fixtures/reference-documents")

/** The reference document (Shanxi county template), as text extracted from its PDF. @category constants */
export const referencePath = path.join(referenceDocuments, "disclosure-2026-tunliu-government-office.txt")

/** The fixture NDJSON of the Shanghai district department (普陀区城市管理行政执法局). @category constants */
export const shanghaiFixturePath = path.join(repoRoot, "fixtures/shanghai-putuo-chengguan/events.ndjson")

/** The Shanghai district reference document, as text extracted from its PDF. @category constants */
export const shanghaiReferencePath = path.join(
  referenceDocuments,
  "disclosure-2026-shanghai-putuo-chengguan.txt",
)

/**
 * The registry of the known defects the reference document acknowledges (domain.md §5.2), decoded
 * by `@ledger/audit`'s `parseKnownDefectRegistry`; the CLI's `--known-defects` and the API's
 * `LEDGER_KNOWN_DEFECTS` take this file. @category constants
 */
export const referenceKnownDefectsPath = path.join(referenceDocuments, "known-defects.json")

/** The reference document's text. @category constructors */
export const referenceText = (): string => readFileSync(referencePath, "utf8")

/** The reference fixture's NDJSON text. @category constructors */
export const fixtureText = (): string => readFileSync(fixturePath, "utf8")

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
