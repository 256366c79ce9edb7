/** The auditor's tracing routes: the provenance of one printed cell, and the diff of two as-of points. */
import { requireRead } from "../auth.ts"
import { asOfKey, parseAsOf } from "../as-of.ts"
import type { ApiDeps } from "../deps.ts"
import { diffDisclosures, DisclosureDiff } from "../diff.ts"
import { eventsAsOf } from "../documents.ts"
import type { Documents } from "../documents.ts"
import { AsOfQuery, CellPath, DepartmentYearPath, DiffQuery } from "../http-schemas.ts"
import { CellProvenance, traceCell } from "../provenance.ts"
import { defineRoute, pathOf, queryOf } from "../route.ts"
import type { Route } from "../route.ts"

/** The trace routes. @category routes */
export const traceRoutes = (deps: ApiDeps, documents: Documents): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "get",
      path: "/v1/departments/{code}/years/{year}/disclosure/cells/{tableId}/{row}/{col}",
      operationId: "traceCell",
      summary:
        "Provenance of a table cell: its budget lines, their 元 amounts and events, and the rounding to the printed 万元",
      description: "`row` and `col` index `tables[].rows[].cells` of the JSON disclosure (0-based).",
      tag: "audit",
      roles: ["writer", "auditor", "admin"],
      params: CellPath,
      query: AsOfQuery,
      responses: { 200: { description: "the cell's provenance", schema: CellProvenance } },
      problems: ["malformed-request", "not-found", "not-published", "not-disclosable", "store-unavailable"],
    },
    async (c) => {
      const { code, year, tableId, row, col } = pathOf(c, CellPath)
      const { asOf } = queryOf(c, AsOfQuery)
      requireRead(c, code)
      const point = parseAsOf(asOf)
      const built = await documents.get(code, Number(year), point)
      const events = await eventsAsOf(deps, code, Number(year), point)
      return c.json(traceCell(built.doc, events, tableId, Number(row), Number(col)))
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/departments/{code}/years/{year}/diff",
      operationId: "diffDisclosures",
      summary:
        "What changed between two as-of points: each changed cell with old and new value and the events that changed it",
      description: "`from` defaults to published, `to` to current.",
      tag: "audit",
      roles: ["writer", "auditor", "admin"],
      params: DepartmentYearPath,
      query: DiffQuery,
      responses: { 200: { description: "changed cells and narrative sections", schema: DisclosureDiff } },
      problems: ["malformed-request", "not-found", "not-published", "not-disclosable", "store-unavailable"],
    },
    async (c) => {
      const { code, year } = pathOf(c, DepartmentYearPath)
      const q = queryOf(c, DiffQuery)
      requireRead(c, code)
      const from = parseAsOf(q.from ?? "published")
      const to = parseAsOf(q.to ?? "current")
      const [a, b, toEvents] = await Promise.all([
        documents.get(code, Number(year), from),
        documents.get(code, Number(year), to),
        eventsAsOf(deps, code, Number(year), to),
      ])
      return c.json(diffDisclosures(a.doc, b.doc, toEvents, { from: asOfKey(from), to: asOfKey(to) }))
    },
  ),
]
