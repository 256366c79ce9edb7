/**
 * Test support: the reference department's disclosure built from the fixture log, as published
 * and as it stands now. Excluded from the package build.
 */
import { readFileSync } from "node:fs"
import { CanonicalJson, Envelope } from "@ledger/domain"
import { AsOf, buildDisclosure, type Disclosure, type LoggedEvent } from "@ledger/projections"
import { Result } from "effect"

const FIXTURE = new URL("../../../../fixtures/tunliu-government-office/events.ndjson", import.meta.url)

/** The fixture as logged events with a hash chain, recorded when they occurred. */
export const fixtureEvents = (): ReadonlyArray<LoggedEvent> => {
  let prev = "0".repeat(64)
  return readFileSync(FIXTURE, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const e = Result.getOrThrow(Envelope.decodeEvent(JSON.parse(l)))
      const hash = CanonicalJson.sha256Hex(
        prev + CanonicalJson.canonicalize({ event: e.event, meta: e.meta }),
      )
      prev = hash
      return {
        event: e.event,
        meta: {
          streamId: Envelope.streamIdOf(e.meta.stream),
          version: i + 1,
          position: i + 1,
          eventId: e.meta.eventId ?? `event-${i + 1}`,
          occurredAt: e.meta.occurredAt,
          recordedAt: e.meta.occurredAt,
          actor: e.meta.actor ?? "unknown",
          hash,
        },
      }
    })
}

/** The reference disclosure as published (or at another as-of). */
export const referenceDisclosure = (asOf: AsOf = AsOf.published): Disclosure => {
  const r = buildDisclosure(fixtureEvents(), asOf)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
