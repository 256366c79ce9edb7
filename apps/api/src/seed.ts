/**
 * The reference data `pnpm start` loads into an empty store: the reference department's 2025
 * (with its publication) and then its 2026, in that order, so 2026 derives its prior-year figures
 * from the 2025 publication the ledger holds. `LEDGER_FIXTURE` may name other files, comma-separated,
 * imported in the order given.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import { isAbsolute, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Envelope } from "@ledger/domain"
import type { EventStoreShape } from "@ledger/eventstore"
import { makeLedgerService } from "@ledger/service"
import { Effect } from "effect"

/** The repository root (fixture paths are relative to it). */
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url))

/** The default fixtures: 2025 before 2026 of the reference department. @category constants */
export const DEFAULT_FIXTURES =
  "fixtures/tunliu-government-office/events-2025.ndjson,fixtures/tunliu-government-office/events.ndjson"

/**
 * The registry of the reference document's acknowledged §5.2 defects, used when the default
 * fixtures are loaded and `LEDGER_KNOWN_DEFECTS` names none: the demo then publishes the department
 * it loads, as its published document was. Data beside the fixture, not code. @category constants
 */
export const DEFAULT_KNOWN_DEFECTS = join(REPO_ROOT, "fixtures/reference-documents/known-defects.json")

/** The files of a `LEDGER_FIXTURE` value, in import order. */
const fixtureFiles = (fixtures: string): ReadonlyArray<string> =>
  fixtures
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f !== "")

/**
 * Imports the fixtures, one import per file in the order given, when the store has no budget
 * stream yet; returns the number of events written (0 when the store already had data).
 * @category constructors
 */
export const seedIfEmpty = async (store: EventStoreShape, fixtures: string): Promise<number> => {
  const streams = await Effect.runPromise(store.listStreams())
  if (streams.some((s) => Envelope.parseStreamId(s.streamId) !== undefined)) return 0
  const service = makeLedgerService(store)
  let appended = 0
  for (const fixture of fixtureFiles(fixtures)) {
    const path = isAbsolute(fixture) ? fixture : join(REPO_ROOT, fixture)
    const result = await Effect.runPromise(
      service.importNdjson(readFileSync(path, "utf8"), {
        idempotencyKey: `fixture:${fixture}`,
        actor: "fixture-import",
      }),
    )
    appended += result.appended
  }
  return appended
}
