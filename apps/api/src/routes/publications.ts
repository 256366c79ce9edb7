/**
 * Published disclosures addressed by their document hash: the one URL that can never change, so it
 * is public (a published budget is a public document) and cacheable by any HTTP cache or CDN for a
 * year (`Cache-Control: public, max-age=31536000, immutable`). The document is rebuilt from the
 * events before the `DisclosurePublished` event that sealed that hash, and served only when it
 * still hashes to the seal (else 503 `ledger-integrity`, as every read that builds a document). A
 * publication imported without a seal is found by rebuilding it: its hash is the hash it rebuilds to.
 */
import { LedgerIntegrity } from "@ledger/eventstore"
import { AsOf, Disclosure, type LoggedEvent } from "@ledger/projections"
import type { Format } from "@ledger/render"
import { Schema } from "effect"
import type { ApiDeps } from "../deps.ts"
import type { BuiltDocument, Documents } from "../documents.ts"
import { cachedDocument } from "../cached-reads.ts"
import { DepartmentYearPath, FormatQueryParam } from "../http-schemas.ts"
import { fail } from "../problem.ts"
import { defineRoute, pathOf, queryOf } from "../route.ts"
import { run } from "../run.ts"
import type { Route } from "../route.ts"
import { etagMatches, OTHER_MEDIA, renderingOf } from "./disclosure.ts"
import { publicationPath } from "./publication-path.ts"
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

/** The cache header of the latest publication: public, revalidated by ETag (a new publication moves it). @category constants */
const LATEST_PUBLIC = "public, no-cache"

/** The cache header of a document addressed by hash. @category constants */
const IMMUTABLE_PUBLIC = "public, max-age=31536000, immutable"

const UTF8 = new TextEncoder()

/** The seal a publication carries, if any. */
const sealOf = (e: LoggedEvent): string | undefined =>
  e.event.type === "DisclosurePublished"
    ? (e.event.data as { readonly documentHash?: string }).documentHash
    : undefined

/** Rebuilt documents by hash (they never change); a bounded map, oldest out first. */
const makeCache = (capacity: number) => {
  const docs = new Map<string, Promise<BuiltDocument>>()
  return {
    get: (key: string, build: () => Promise<BuiltDocument>): Promise<BuiltDocument> => {
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
export const publicationRoutes = (deps: ApiDeps, documents: Documents): ReadonlyArray<Route> => {
  const cache = makeCache(256)
  /**
   * The published document with this hash: the publication sealed with it, rebuilt from the events
   * before it and checked against the seal; else an unsealed publication that rebuilds to it.
   */
  const sealed = async (department: string, year: number, documentHash: string): Promise<BuiltDocument> => {
    const current = await run(deps.service.replay(department, year, AsOf.current))
    const publications = current.log.filter((e) => e.event.type === "DisclosurePublished").reverse()
    const rebuild = (at: LoggedEvent) =>
      run(deps.service.replay(department, year, AsOf.position(at.meta.position - 1)))
    const seal = publications.find((e) => sealOf(e) === documentHash)
    if (seal !== undefined) {
      const rebuilt = await rebuild(seal)
      if (rebuilt.disclosure.documentHash !== documentHash)
        throw new LedgerIntegrity({
          streamId: seal.meta.streamId,
          position: seal.meta.position,
          version: seal.meta.version,
          reason: "seal-mismatch",
          detail: `the events before the seal rebuild document ${rebuilt.disclosure.documentHash}, not the sealed ${documentHash}`,
        })
      return { replay: rebuilt, doc: rebuilt.disclosure, immutable: true, kept: true, renderings: new Map() }
    }
    for (const unsealed of publications.filter((e) => sealOf(e) === undefined)) {
      const rebuilt = await rebuild(unsealed)
      if (rebuilt.disclosure.documentHash === documentHash)
        return {
          replay: rebuilt,
          doc: rebuilt.disclosure,
          immutable: true,
          kept: true,
          renderings: new Map(),
        }
    }
    return fail(
      "not-found",
      `department ${department} has published no ${year} document with hash ${documentHash}`,
    )
  }
  return [
    defineRoute(
      {
        method: "get",
        path: "/v1/public/departments/{code}/years/{year}/disclosure",
        operationId: "getPublishedDisclosure",
        summary: "The published disclosure of a department-year (latest publication) — public, no key",
        description:
          'No key needed: a published budget is a public document (预算法 §14). Serves the document as published (the latest `DisclosurePublished`), in every format: `format` picks json (default), html, txt, csv, xlsx, pdf, fdp (Fiscal Data Package) or ndjson (the budget lines). ETag = the document hash (with the format for non-JSON); `Cache-Control: public, no-cache` (a later publication moves it), and `Link: <…/publications/{documentHash}>; rel="canonical"` names the immutable URL of this very document. Other as-of points, provenance, checks, keys and writes keep their roles.',
        tag: "disclosure",
        roles: ["public"],
        params: DepartmentYearPath,
        query: PublicationQuery,
        headers: [
          { name: "If-None-Match", required: false, description: "the ETag of an earlier answer: 304" },
        ],
        responses: {
          200: {
            description: "the published document",
            schema: Disclosure,
            contentTypes: [...OTHER_MEDIA],
            headers: {
              ETag: "the document hash (with the format for non-JSON)",
              "Cache-Control": LATEST_PUBLIC,
              Link: "the immutable by-hash URL of the document (rel=canonical)",
              "Content-Disposition": CONTENT_DISPOSITION_DOC,
            },
          },
          304: { description: "not modified" },
        },
        problems: [
          "malformed-request",
          "not-found",
          "not-published",
          "not-disclosable",
          "engine-unavailable",
          "ledger-integrity",
          "store-unavailable",
        ],
      },
      async (c) => {
        const { code, year } = pathOf(c, DepartmentYearPath)
        const f: Format = queryOf(c, PublicationQuery).format ?? "json"
        const built =
          cachedDocument(c, code, Number(year), AsOf.published) ??
          (await documents.get(code, Number(year), AsOf.published))
        const hash = built.doc.documentHash
        const etag = `"${hash}${f === "json" ? "" : "." + f}"`
        const headers: Record<string, string> = {
          etag,
          "cache-control": LATEST_PUBLIC,
          link: `<${publicationPath(code, Number(year), hash)}${f === "json" ? "" : `?format=${f}`}>; rel="canonical"`,
        }
        if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers)
        const r = await renderingOf(built, f)
        headers["content-type"] = r.contentType
        headers["content-disposition"] = contentDisposition(code, Number(year), "published", f)
        const body = typeof r.body === "string" ? UTF8.encode(r.body) : r.body
        return c.body(body as Uint8Array<ArrayBuffer>, 200, headers)
      },
    ),
    defineRoute(
      {
        method: "get",
        path: "/v1/public/departments/{code}/years/{year}/publications/{documentHash}",
        operationId: "getPublication",
        summary:
          "A published disclosure by its document hash — public, immutable, cacheable by any HTTP cache",
        description:
          'No key needed: a published budget is a public document. The URL names the seal (`documentHash` of a `DisclosurePublished` event), so the answer never changes: `Cache-Control: public, max-age=31536000, immutable`, ETag = the hash. `format` picks json (default), html, txt, csv, xlsx, pdf, fdp (Fiscal Data Package) or ndjson (the budget lines). The authenticated `…/disclosure?asOf=published` answer links here (`Link: <…>; rel="canonical"`).',
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
            contentTypes: [...OTHER_MEDIA],
            headers: {
              ETag: "the document hash",
              "Cache-Control": IMMUTABLE_PUBLIC,
              "Content-Disposition": CONTENT_DISPOSITION_DOC,
            },
          },
          304: { description: "not modified" },
        },
        problems: [
          "malformed-request",
          "not-found",
          "engine-unavailable",
          "ledger-integrity",
          "store-unavailable",
        ],
      },
      async (c) => {
        const { code, year, documentHash } = pathOf(c, PublicationPath)
        const f: Format = queryOf(c, PublicationQuery).format ?? "json"
        const etag = `"${documentHash}${f === "json" ? "" : "." + f}"`
        const headers: Record<string, string> = { etag, "cache-control": IMMUTABLE_PUBLIC }
        if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers)
        const built = await cache.get(`${code}/${year}/${documentHash}`, () =>
          sealed(code, Number(year), documentHash),
        )
        const r = await renderingOf(built, f)
        headers["content-type"] = r.contentType
        headers["content-disposition"] = contentDisposition(code, Number(year), documentHash.slice(0, 12), f)
        const body = typeof r.body === "string" ? UTF8.encode(r.body) : r.body
        return c.body(body as Uint8Array<ArrayBuffer>, 200, headers)
      },
    ),
  ]
}
