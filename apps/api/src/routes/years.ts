/**
 * The years of a department: one entry per fiscal year the ledger holds, with its totals as they
 * stand now and as last published (published or not), so a client can list the years, compare them
 * and open any of them as published or as of any point through the disclosure route.
 */
import { Codes, Envelope, Money } from "@ledger/domain"
import { AsOf, priorYearFigures, type PriorYearFigures } from "@ledger/projections"
import { Schema } from "effect"
import { requireRead } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import type { Documents } from "../documents.ts"
import { fail } from "../problem.ts"
import { defineRoute, pathOf } from "../route.ts"
import type { Route } from "../route.ts"
import { run } from "../run.ts"
import { publicationPath } from "./publication-path.ts"

/** `{code}` of a department path. @category models */
const DepartmentPath = Schema.Struct({ code: Codes.DepartmentCode })

/** The comparison totals of one year, in 元 (as the narrative compares years). @category models */
const YearTotals = Schema.Struct({
  total: Schema.String,
  generalBudgetCurrent: Schema.String,
  threePublic: Schema.String,
  operatingCosts: Schema.String,
})

/** One year of a department. @category models */
const YearEntry = Schema.Struct({
  year: Schema.Int,
  version: Schema.Int,
  position: Schema.Int,
  current: Schema.Struct({ documentHash: Schema.String, totals: YearTotals }),
  published: Schema.NullOr(
    Schema.Struct({
      documentHash: Schema.String,
      publishedOn: Schema.String,
      publicUrl: Schema.String,
      totals: YearTotals,
    }),
  ),
})

/** The years of a department. @category models */
const YearList = Schema.Struct({ department: Schema.String, years: Schema.Array(YearEntry) }).annotate({
  identifier: "DepartmentYears",
})

const totalsOf = (f: PriorYearFigures): typeof YearTotals.Type => ({
  total: f.incomeTotal,
  generalBudgetCurrent: f.generalBudgetCurrent,
  threePublic: Money.sum(Object.values(f.threePublic ?? {}).map((a) => Money.make(a))),
  operatingCosts: f.operatingCosts ?? "0.00",
})

/** The years route. @category routes */
export const yearRoutes = (deps: ApiDeps, documents: Documents): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "get",
      path: "/v1/departments/{code}/years",
      operationId: "listYears",
      summary: "The fiscal years of a department, with totals now and as published",
      description:
        "One entry per year the ledger holds (oldest first): its stream head, the totals in 元 as the log stands (收入总计, 一般公共预算当年, 三公 and 机关运行经费) and, when published, the same as published with the document hash, date and the public URL. Open a year with `…/years/{year}/disclosure?asOf=…`.",
      tag: "disclosure",
      roles: ["writer", "auditor", "admin"],
      params: DepartmentPath,
      responses: { 200: { description: "the department's years", schema: YearList } },
      problems: [
        "malformed-request",
        "not-found",
        "not-disclosable",
        "store-unavailable",
        "ledger-integrity",
      ],
    },
    async (c) => {
      const { code } = pathOf(c, DepartmentPath)
      requireRead(c, code)
      const heads = (await run(deps.store.listStreams()))
        .flatMap((h) => {
          const key = Envelope.parseStreamId(h.streamId)
          return key?.department === code ? [{ year: key.year, head: h }] : []
        })
        .sort((a, b) => a.year - b.year)
      if (heads.length === 0) fail("not-found", `no event has been recorded for department ${code}`)
      const years = []
      for (const { year, head } of heads) {
        const now = await documents.get(code, year, AsOf.current)
        const last = now.replay.log.findLast((e) => e.event.type === "DisclosurePublished")
        const published = last === undefined ? undefined : await documents.get(code, year, AsOf.published)
        years.push({
          year,
          version: head.version,
          position: head.position,
          current: {
            documentHash: now.doc.documentHash,
            totals: totalsOf(priorYearFigures(now.replay.state, year)),
          },
          published:
            published === undefined || last === undefined
              ? null
              : {
                  documentHash: published.doc.documentHash,
                  publishedOn: last.meta.occurredAt,
                  publicUrl: publicationPath(code, year, published.doc.documentHash),
                  totals: totalsOf(priorYearFigures(published.replay.state, year)),
                },
        })
      }
      return c.json({ department: code, years })
    },
  ),
]
