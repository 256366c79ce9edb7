/**
 * `GET /v1/taxonomy/{year}`: the classification (政府收支分类科目) budget-ledger holds for a fiscal
 * year, so an integrator can check its codes before sending events. Any key may read it.
 */
import { Taxonomy } from "@ledger/domain"
import { Result, Schema } from "effect"
import { principalOf } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import { fail } from "../problem.ts"
import { defineRoute, pathOf, queryOf } from "../route.ts"
import type { Route } from "../route.ts"

const TaxonomyPath = Schema.Struct({
  year: Schema.String.check(
    Schema.isPattern(/^(20\d\d|2100)$/, { message: "must be a fiscal year between 2000 and 2100" }),
  ),
})

const TaxonomyQuery = Schema.Struct({
  format: Schema.optional(Schema.Literals(["json", "txt"])).annotate({
    description: "json (default) or txt: one code a line, indented by level",
  }),
})

const Entry = Schema.Struct({
  code: Schema.String,
  name: Schema.String,
  level: Schema.Literals(["类", "款", "项"]),
  source: Schema.String,
  verify: Schema.Boolean.annotate({ description: "true while not checked against the official text" }),
  note: Schema.optional(Schema.String),
})

/** The response of the route: every code with name, level, source and verification flag. */
const TaxonomyListing = Schema.Struct({
  year: Schema.Number,
  sources: Schema.Array(Schema.Struct({ id: Schema.String, description: Schema.String })),
  counts: Schema.Struct({
    functionClasses: Schema.Number,
    functionKuan: Schema.Number,
    functionXiang: Schema.Number,
    deptEconomic: Schema.Number,
    govEconomic: Schema.Number,
    unverified: Schema.Number,
  }),
  function: Schema.Array(Entry),
  deptEconomic: Schema.Array(Entry),
  govEconomic: Schema.Array(Entry),
}).annotate({ identifier: "TaxonomyListing" })

/** The taxonomy route. @category routes */
export const taxonomyRoutes = (_deps: ApiDeps): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "get",
      path: "/v1/taxonomy/{year}",
      operationId: "getTaxonomy",
      summary: "The classification codes budget-ledger holds for a fiscal year",
      description:
        "Every 类/款/项 function code and every 部门/政府 economic 类/款 code with its name, its source and `verify: true` where it is not yet checked against the official 《政府收支分类科目》. An event with a code not listed here is refused. docs/taxonomy.md says how to add a code.",
      tag: "meta",
      roles: ["writer", "auditor", "admin"],
      params: TaxonomyPath,
      query: TaxonomyQuery,
      responses: {
        200: {
          description: "the listing (JSON), or text with `format=txt`",
          schema: TaxonomyListing,
          contentTypes: ["text/plain"],
        },
      },
      problems: ["malformed-request", "not-found"],
    },
    async (c) => {
      principalOf(c)
      const { year } = pathOf(c, TaxonomyPath)
      const { format } = queryOf(c, TaxonomyQuery)
      const taxonomy = Taxonomy.forYear(Number(year))
      if (Result.isFailure(taxonomy))
        return fail(
          "not-found",
          `budget-ledger holds no classification for ${year}; it holds ${Taxonomy.years().join(", ")}`,
        )
      const listing = taxonomy.success.listing()
      return format === "txt"
        ? c.text(Taxonomy.listingText(listing), 200, { "content-type": "text/plain; charset=utf-8" })
        : c.json(listing)
    },
  ),
]
