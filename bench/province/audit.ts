/**
 * Checks generated department-years the way a user would meet them: imported through the service
 * (decode + rule checks + append), replayed into the published and the current disclosure, and the
 * published one audited with its template's rule set (R1–R16 for Shanxi, the district rules for
 * Shanghai). Used by the province test and the bench's quick check.
 *
 * @module
 */
import { checkDisclosure } from "@ledger/audit"
import { BudgetState } from "@ledger/domain"
import type { EventStoreShape } from "@ledger/eventstore"
import { makeLedgerService } from "@ledger/service"
import type { DepartmentYearEvents } from "@ledger/province"
import { AsOf, selectEvents } from "@ledger/projections"
import { Effect, Result } from "effect"

/** What went wrong with one department-year (empty when it imports, builds and audits clean). */
export interface DepartmentYearProblems {
  readonly streamId: string
  readonly problems: ReadonlyArray<string>
}

/** Imports one department-year into `store` and audits its published disclosure. */
export const importAndAudit = (
  store: EventStoreShape,
  dy: DepartmentYearEvents,
): Effect.Effect<DepartmentYearProblems> =>
  Effect.gen(function* () {
    const service = makeLedgerService(store)
    const streamId = `${dy.department}/${dy.year}`
    const text = dy.events.map((e) => JSON.stringify(e)).join("\n")
    const imported = yield* Effect.result(service.importNdjson(text, { idempotencyKey: `audit:${streamId}` }))
    if (Result.isFailure(imported))
      return { streamId, problems: [`import: ${JSON.stringify(imported.failure)}`] }
    const problems: Array<string> = []
    const current = yield* Effect.result(service.disclosure(dy.department, dy.year, { _tag: "Current" }))
    if (Result.isFailure(current)) problems.push(`current: ${String(current.failure)}`)
    const published = yield* Effect.result(service.disclosure(dy.department, dy.year, AsOf.published))
    if (Result.isFailure(published))
      return { streamId, problems: [...problems, `published: ${String(published.failure)}`] }
    const logged = yield* Effect.orDie(service.loggedEvents(dy.department, dy.year))
    const selected = selectEvents(logged, AsOf.published)
    if (Result.isFailure(selected)) return { streamId, problems: [...problems, "select failed"] }
    const state = BudgetState.fold(
      selected.success.map((e) => ({
        event: e.event,
        ref: {
          version: e.meta.version,
          position: e.meta.position,
          eventId: e.meta.eventId,
          occurredAt: e.meta.occurredAt,
        },
      })),
    )
    for (const f of checkDisclosure(published.success, state).findings)
      if (f.severity === "error") problems.push(`${f.rule} ${f.check}: ${f.message}`)
    return { streamId, problems }
  })
