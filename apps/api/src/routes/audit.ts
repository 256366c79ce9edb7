/**
 * The auditor's engine (`@ledger/audit`) over HTTP: rules R1–R16 on a derived disclosure, and the
 * reconciliation of a published document (text extracted from its PDF) against the ledger —
 * the same answer as `pnpm ledger reconcile FILE --format json`.
 */
import {
  CheckResult,
  checkDisclosure,
  checkResultIn,
  discrepancyIn,
  reconcile,
  ReconcileResult,
} from "@ledger/audit"
import { Schema } from "effect"
import { Result } from "effect"
import { requireRead, requireRole } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import type { Documents } from "../documents.ts"
import { AsOfQuery, DepartmentYearPath } from "../http-schemas.ts"
import { LangParam, languageOf } from "../language.ts"
import { fail } from "../problem.ts"
import { asOfOf, defineRoute, pathOf, queryOf, textBodyOf } from "../route.ts"
import type { Route } from "../route.ts"

/** `asOf` and `lang` (the language of the messages). */
const AuditQuery = Schema.Struct({ ...AsOfQuery.fields, lang: LangParam })

/** The audit routes. @category routes */
export const auditRoutes = (deps: ApiDeps, documents: Documents): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "get",
      path: "/v1/departments/{code}/years/{year}/checks",
      operationId: "checkDisclosure",
      summary: "Run the auditor's consistency rules R1–R16 on the disclosure as of a point",
      tag: "audit",
      description: "Auditors and admins for every department; a writer for the departments of its key.",
      roles: ["writer", "auditor", "admin"],
      params: DepartmentYearPath,
      query: AuditQuery,
      responses: { 200: { description: "rules passed and findings", schema: CheckResult } },
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
      const { asOf } = queryOf(c, AuditQuery)
      requireRead(c, code)
      const { replay } = await documents.get(code, Number(year), asOfOf(asOf, "asOf"))
      return c.json(
        checkResultIn(checkDisclosure(replay.disclosure, replay.state, deps.knownDefects), languageOf(c)),
      )
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/departments/{code}/years/{year}/reconcile",
      operationId: "reconcile",
      summary: "Reconcile a published document (text from its PDF) against the ledger",
      description:
        "Compares with the ledger as of `asOf` (default: published). Every discrepancy names the rule, the place, the published and the ledger value.",
      tag: "audit",
      roles: ["auditor", "admin"],
      params: DepartmentYearPath,
      query: AuditQuery,
      body: { contentType: "text/plain", description: "the document's text, UTF-8" },
      responses: { 200: { description: "discrepancies", schema: ReconcileResult } },
      problems: [
        "malformed-request",
        "unsupported-media-type",
        "not-found",
        "not-published",
        "not-disclosable",
        "payload-too-large",
        "invalid-request",
        "store-unavailable",
        "ledger-integrity",
      ],
    },
    async (c) => {
      const { code, year } = pathOf(c, DepartmentYearPath)
      const { asOf } = queryOf(c, AuditQuery)
      requireRole(c, "auditor", "admin")
      if (!/^text\/plain\b/i.test(c.req.header("content-type") ?? ""))
        fail("unsupported-media-type", "send the document's text as text/plain")
      const text = await textBodyOf(c)
      if (text.trim() === "")
        fail("malformed-request", "the body is empty", [{ path: "body", message: "is empty" }])
      const { replay } = await documents.get(code, Number(year), asOfOf(asOf, "asOf", "published"))
      const result = reconcile({
        publishedText: text,
        disclosure: replay.disclosure,
        state: replay.state,
        knownDefects: deps.knownDefects,
      })
      if (Result.isFailure(result)) throw result.failure
      const lang = languageOf(c)
      return c.json({ discrepancies: result.success.discrepancies.map((d) => discrepancyIn(d, lang)) })
    },
  ),
]
