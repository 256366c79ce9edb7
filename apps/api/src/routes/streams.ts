/** Reading the log: the departments and years there are, and a department-year's audit trail. */
import { Envelope } from "@ledger/domain"
import type { StoredEvent } from "@ledger/eventstore"
import { selectBy } from "@ledger/projections"
import { Result } from "effect"
import { canRead, principalOf, requireRead } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import { AsOfQuery, DepartmentList, DepartmentYearPath, EventList } from "../http-schemas.ts"
import type { AuditEvent } from "../http-schemas.ts"
import { fail } from "../problem.ts"
import { asOfOf, defineRoute, pathOf, queryOf } from "../route.ts"
import type { Route } from "../route.ts"
import { run } from "../run.ts"
import { makeProfileReader } from "../department-profiles.ts"

/** The store's event as the audit trail shows it (the canonical text stays internal). */
const auditEventOf = (e: StoredEvent): AuditEvent => ({
  position: e.position,
  version: e.version,
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  actor: e.actor,
  idempotencyKey: e.idempotencyKey,
  prevHash: e.prevHash,
  hash: e.hash,
  data: e.data,
})

/** Reads a department-year's stream; 404 when it has no event. */
const readDepartmentYear = async (
  deps: ApiDeps,
  department: string,
  year: number,
): Promise<ReadonlyArray<StoredEvent>> => {
  const events = await run(deps.store.readStream(Envelope.streamIdOf({ department, year })))
  if (events.length === 0)
    fail("not-found", `no event has been recorded for department ${department} in ${year}`)
  return events
}

/** The stream routes. @category routes */
export const streamRoutes = (deps: ApiDeps): ReadonlyArray<Route> => {
  const profiles = makeProfileReader(deps.store)
  return [
    defineRoute(
      {
        method: "get",
        path: "/v1/departments",
        operationId: "listDepartments",
        summary: "List departments and their fiscal years (streams)",
        description: "A writer sees only the departments its key is scoped to.",
        tag: "log",
        roles: ["writer", "auditor", "admin"],
        responses: {
          200: { description: "departments with their years and stream heads", schema: DepartmentList },
        },
        problems: ["store-unavailable"],
      },
      async (c) => {
        const p = principalOf(c)
        const heads = await run(deps.store.listStreams())
        const byDept = new Map<
          string,
          Array<{ year: number; version: number; position: number; headHash: string }>
        >()
        for (const h of heads) {
          const key = Envelope.parseStreamId(h.streamId)
          if (key === undefined || !canRead(p, key.department)) continue
          const list = byDept.get(key.department) ?? []
          list.push({ year: key.year, version: h.version, position: h.position, headHash: h.hash })
          byDept.set(key.department, list)
        }
        const sorted = [...byDept].sort(([a], [b]) => a.localeCompare(b))
        for (const [, years] of sorted) years.sort((a, b) => a.year - b.year)
        const streamOf = (code: string, year: number) => Envelope.streamIdOf({ department: code, year })
        await profiles.prepare(
          sorted.flatMap(([code, years]) =>
            years.map((y) => ({ streamId: streamOf(code, y.year), headHash: y.headHash })),
          ),
        )
        // The latest year that records a profile names the department.
        const departments = sorted.map(([code, years]) => {
          const profile = [...years]
            .reverse()
            .map((y) => profiles.peek(streamOf(code, y.year)))
            .find((p) => p !== undefined)
          return { code, ...(profile ?? {}), years }
        })
        return c.json({ departments })
      },
    ),
    defineRoute(
      {
        method: "get",
        path: "/v1/departments/{code}/years/{year}/events",
        operationId: "readEvents",
        summary: "The audit trail of a department-year: every event with actor, times and chain hashes",
        tag: "log",
        roles: ["writer", "auditor", "admin"],
        params: DepartmentYearPath,
        query: AsOfQuery,
        responses: { 200: { description: "the events in version order", schema: EventList } },
        problems: ["malformed-request", "invalid-request", "not-found", "not-published", "store-unavailable"],
      },
      async (c) => {
        const { code, year } = pathOf(c, DepartmentYearPath)
        const { asOf } = queryOf(c, AsOfQuery)
        requireRead(c, code)
        const all = await readDepartmentYear(deps, code, Number(year))
        const selected = selectBy(all, asOfOf(asOf, "asOf"), (e) => e)
        if (Result.isFailure(selected)) throw selected.failure
        const events = selected.success
        return c.json({
          streamId: Envelope.streamIdOf({ department: code, year: Number(year) }),
          version: all.at(-1)?.version ?? 0,
          events: (events ?? []).map(auditEventOf),
        })
      },
    ),
  ]
}
