/**
 * Published disclosures addressed by their document hash: the one URL that can never change, so it
 * is public (a published budget is a public document) and cacheable by any HTTP cache or CDN for a
 * year (`Cache-Control: public, max-age=31536000, immutable`). The document is rebuilt from the
 * events before the `DisclosurePublished` event that sealed that hash, and served only when it
 * still hashes to the seal (else 503 `ledger-integrity`, as every read that builds a document).
 */
import { LedgerIntegrity } from "@ledger/eventstore"
import { AsOf, Disclosure } from "@ledger/projections"
import { type Format, FORMAT_NAMES, FORMATS, render } from "@ledger/render"
import { Schema } from "effect"
import type { ApiDeps } from "../deps.ts"
import { DepartmentYearPath, FormatQueryParam } from "../http-schemas.ts"
import { fail } from "../problem.ts"
import { defineRoute, pathOf, queryOf } from "../route.ts"
import { run } from "../run.ts"
import type { Route } from "../route.ts"
import { etagMatches } from "./disclosure.ts"
import { CONTENT_DISPOSITION_DOC, contentDisposition } from "../download.ts"

/** Path of a publication: the department-year and the sealed document hash. @category models */
const PublicationPath = Schema.Struct({
  ...DepartmentYearPath.fields,
  documentHash: Schema.String.check(
    Schema.isPattern(/^[0-9a-f]{64}$/, { message: "must be a document hash (64 lowercase hex digits)" }),
  ),
})

/** Query of a publication: only the format. @category models */
const PublicationQuery = Schema.Struct({ format: FormatQueryParam })

/** The cache header of a document addressed by hash. @category constants */
const IMMUTABLE_PUBLIC = "public, max-age=31536000, immutable"

const UTF8 = new TextEncoder()

/** Rebuilt documents by hash (they never change); a bounded map, oldest out first. */
const makeCache = (capacity: number) => {
  const docs = new Map<string, Promise<Disclosure>>()
  return {
    get: (key: string, build: () => Promise<Disclosure>): Promise<Disclosure> => {
      const hit = docs.get(key)
      if (hit) return hit
      const built = build()
      docs.set(key, built)
      built.catch(() => docs.get(key) === built && docs.delete(key))
      if (docs.size > capacity) docs.delete(docs.keys().next().value as string)
      return built
    },
  }
}

/** The publications route. @category routes */
export const publicationRoutes = (deps: ApiDeps): ReadonlyArray<Route> => {
  const cache = makeCache(256)
  /** The sealed document: rebuilt from the events before its seal, and checked against it. */
  const sealed = async (department: string, year: number, documentHash: string): Promise<Disclosure> => {
    const current = await run(deps.service.replay(department, year, AsOf.current))
    const seal = current.log.find(
      (e) =>
        e.event.type === "DisclosurePublished" &&
        (e.event.data as { readonly documentHash?: string }).documentHash === documentHash,
    )
    if (seal === undefined)
      return fail(
        "not-found",
        `department ${department} has published no ${year} document with hash ${documentHash}`,
      )
    const rebuilt = await run(deps.service.replay(department, year, AsOf.position(seal.meta.position - 1)))
    if (rebuilt.disclosure.documentHash !== documentHash)
      throw new LedgerIntegrity({
        streamId: seal.meta.streamId,
        position: seal.meta.position,
        version: seal.meta.version,
        reason: "seal-mismatch",
        detail: `the events before the seal rebuild document ${rebuilt.disclosure.documentHash}, not the sealed ${documentHash}`,
      })
    return rebuilt.disclosure
  }
  return [
    defineRoute(
      {
        method: "get",
        path: "/v1/public/departments/{code}/years/{year}/publications/{documentHash}",
        operationId: "getPublication",
        summary:
          "A published disclosure by its document hash — public, immutable, cacheable by any HTTP cache",
        description:
          'No key needed: a published budget is a public document. The URL names the seal (`documentHash` of a `DisclosurePublished` event), so the answer never changes: `Cache-Control: public, max-age=31536000, immutable`, ETag = the hash. `format` picks json (default), html, txt, csv or xlsx. The authenticated `…/disclosure?asOf=published` answer links here (`Link: <…>; rel="canonical"`).',
        tag: "disclosure",
        roles: ["public"],
        params: PublicationPath,
        query: PublicationQuery,
        headers: [
          { name: "If-None-Match", required: false, description: "the ETag of an earlier answer: 304" },
        ],
        responses: {
          200: {
            description: "the published document",
            schema: Disclosure,
            contentTypes: FORMAT_NAMES.filter((f) => f !== "json").map(
              (f) => FORMATS[f].mediaType.split(";")[0] ?? "",
            ),
            headers: {
              ETag: "the document hash",
              "Cache-Control": IMMUTABLE_PUBLIC,
              "Content-Disposition": CONTENT_DISPOSITION_DOC,
            },
          },
          304: { description: "not modified" },
        },
        problems: ["malformed-request", "not-found", "ledger-integrity", "store-unavailable"],
      },
      async (c) => {
        const { code, year, documentHash } = pathOf(c, PublicationPath)
        const f: Format = queryOf(c, PublicationQuery).format ?? "json"
        const etag = `"${documentHash}${f === "json" ? "" : "." + f}"`
        const headers: Record<string, string> = { etag, "cache-control": IMMUTABLE_PUBLIC }
        if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers)
        const doc = await cache.get(`${code}/${year}/${documentHash}`, () =>
          sealed(code, Number(year), documentHash),
        )
        const r = render(doc, f)
        headers["content-type"] = r.mediaType
        headers["content-disposition"] = contentDisposition(code, Number(year), documentHash.slice(0, 12), f)
        const body = typeof r.body === "string" ? UTF8.encode(r.body) : r.body
        return c.body(body as Uint8Array<ArrayBuffer>, 200, headers)
      },
    ),
  ]
}
