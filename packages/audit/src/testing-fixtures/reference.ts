/**
 * Test helpers: the reference department's fixture replayed into a derived disclosure and a ledger
 * state, and the published reference text — resolved from the repository root.
 *
 * @module testing-fixtures/reference
 */
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { BudgetState, CanonicalJson, Envelope } from "@ledger/domain"
import { AsOf, buildDisclosure, type Disclosure, type LoggedEvent } from "@ledger/projections"
import { Result } from "effect"

/** The monorepo root. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..")
/** The reference department's event log. */
const fixturePath = path.join(repoRoot, "fixtures/tunliu-government-office/events.ndjson")
export { referenceText } from "@ledger/projections/testing"
import { referenceKnownDefectsPath } from "@ledger/projections/testing"
import { type KnownDefectRegistry, parseKnownDefectRegistry } from "../rules/known-defect-scope.ts"

/** The reference document's known-defect registry (fixtures/reference-documents/known-defects.json). */
export const referenceKnownDefects = (): KnownDefectRegistry => {
  const r = parseKnownDefectRegistry(readFileSync(referenceKnownDefectsPath, "utf8"))
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/** The fixture as logged events, numbered and hash-chained the way a store would. */
const loggedFixture = (): ReadonlyArray<LoggedEvent> => {
  let prev = "0".repeat(64)
  return readFileSync(fixturePath, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const r = Envelope.decodeEvent(JSON.parse(l))
      if (Result.isFailure(r)) throw new Error(`${fixturePath}:${i + 1}: ${r.failure.message}`)
      const e = r.success
      prev = CanonicalJson.sha256Hex(prev + CanonicalJson.canonicalize({ event: e.event, meta: e.meta }))
      return {
        event: e.event,
        meta: {
          streamId: Envelope.streamIdOf(e.meta.stream),
          version: i + 1,
          position: i + 1,
          eventId: e.meta.eventId ?? `event-${i + 1}`,
          occurredAt: e.meta.occurredAt,
          recordedAt: new Date(Date.parse(e.meta.occurredAt)).toISOString(),
          actor: e.meta.actor ?? "fixture",
          hash: prev,
        },
      }
    })
}

/** The reference disclosure as published, derived from the fixture, and the ledger state behind it. */
export const derivedReference = (): { disclosure: Disclosure; state: BudgetState.BudgetState } => {
  const events = loggedFixture()
  const built = buildDisclosure(events, AsOf.published)
  if (Result.isFailure(built)) throw new Error(built.failure.message)
  const published = events.findIndex((e) => e.event.type === "DisclosurePublished")
  const asPublished = events.slice(0, published < 0 ? events.length : published + 1)
  const state = BudgetState.fold(
    asPublished.map((e) => ({
      event: e.event,
      ref: {
        version: e.meta.version,
        position: e.meta.position,
        eventId: e.meta.eventId,
        occurredAt: e.meta.occurredAt,
      },
    })),
  )
  return { disclosure: built.success, state }
}
