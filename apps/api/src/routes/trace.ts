/** The auditor's tracing routes: the provenance of one printed cell, and the diff of two as-of points. */
import { requireRead } from "../auth.ts"
import { CellProvenance, DisclosureDiff, traceCell } from "@ledger/projections"
import { Result } from "effect"
import type { ApiDeps } from "../deps.ts"
import type { Documents } from "../documents.ts"
import { AsOfQuery, CellPath, DepartmentYearPath, DiffQuery } from "../http-schemas.ts"
import { run } from "../run.ts"
import { asOfOf, defineRoute, pathOf, queryOf } from "../route.ts"
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
      problems: [
        "malformed-request",
        "invalid-request",
        "not-found",
        "not-published",
        "not-disclosable",
        "store-unavailable",
        "ledger-integrity",
      ],
    },
    async (c) => {
      const { code, year, tableId, row, col } = pathOf(c, CellPath)
      const { asOf } = queryOf(c, AsOfQuery)
      requireRead(c, code)
      const { replay } = await documents.get(code, Number(year), asOfOf(asOf, "asOf"))
      const traced = traceCell(replay, tableId, Number(row), Number(col), replay.years)
      if (Result.isFailure(traced)) throw traced.failure
      return c.json(traced.success)
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
      problems: [
        "malformed-request",
        "invalid-request",
        "not-found",
        "not-published",
        "not-disclosable",
        "store-unavailable",
        "ledger-integrity",
      ],
    },
    async (c) => {
      const { code, year } = pathOf(c, DepartmentYearPath)
      const q = queryOf(c, DiffQuery)
      requireRead(c, code)
      const from = asOfOf(q.from, "from", "published")
      const to = asOfOf(q.to, "to", "current")
      return c.json(await run(deps.service.diff(code, Number(year), from, to)))
    },
  ),
]
