/**
 * The disclosure as of any point, in any format: JSON (the `budget-disclosure/v1` contract), HTML,
 * text, CSV, XLSX, PDF, a Fiscal Data Package or NDJSON of the budget lines, chosen by `format` or
 * `Accept`. The ETag is the document hash (per format), a
 * matching `If-None-Match` gets 304, and immutable points are cacheable for a year.
 */
import { type AsOf, Disclosure } from "@ledger/projections"
import { type Format, FORMAT_NAMES, FORMATS } from "@ledger/render"
import { requireRead } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import type { BuiltDocument, Documents } from "../documents.ts"
import { cachedDocument } from "../cached-reads.ts"
import { produce } from "../formats.ts"
import { DepartmentYearPath, DisclosureQuery, MinPosition } from "../http-schemas.ts"
import { Schema } from "effect"
import { fail } from "../problem.ts"
import { publicationPath } from "./publication-path.ts"
import { asOfOf, defineRoute, pathOf, queryOf } from "../route.ts"
import { CONTENT_DISPOSITION_DOC, contentDisposition } from "../download.ts"
import type { Route } from "../route.ts"

const UTF8 = new TextEncoder()

/** Each format's media type without parameters, as `Accept` names it (from the one format list). */
const MEDIA = Object.fromEntries(
  FORMAT_NAMES.map((f) => [f, FORMATS[f].mediaType.split(";")[0] ?? ""]),
) as Readonly<Record<Format, string>>

/** The media types of every format but JSON (an OpenAPI response's other content types). */
export const OTHER_MEDIA: ReadonlyArray<string> = FORMAT_NAMES.filter((f) => f !== "json").map(
  (f) => MEDIA[f],
)

/** The format an `Accept` header asks for (first acceptable by q-order), json when none is named. */
const formatFromAccept = (accept: string | undefined): Format | undefined => {
  if (accept === undefined || accept.trim() === "") return "json"
  const ranges = accept
    .split(",")
    .map((part, i) => {
      const [type = "", ...params] = part.trim().toLowerCase().split(";")
      const q = Number(
        params
          .map((p) => p.trim())
          .find((p) => p.startsWith("q="))
          ?.slice(2) ?? "1",
      )
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, i }
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const r of ranges) {
    if (r.type === "*/*" || r.type === "application/*") return "json"
    const f = FORMAT_NAMES.find((k) => MEDIA[k] === r.type)
    if (f) return f
    if (r.type === "text/*") return "html"
  }
  return undefined
}

/**
 * A format of a built document, kept with a document the cache keeps (as UTF-8 bytes: a string body
 * would be encoded again on every request, and a PDF is printed once — also when many requests ask
 * for it at once, since the rendering in progress is shared).
 */
export const renderingOf = (
  built: BuiltDocument,
  f: Format,
): Promise<{ readonly body: Uint8Array | string; readonly contentType: string }> => {
  const kept = built.renderings.get(f)
  if (kept !== undefined) return kept
  const rendering = produce(built.replay, f).then((r) => ({
    body: built.kept && typeof r.body === "string" ? UTF8.encode(r.body) : r.body,
    contentType: r.contentType,
  }))
  if (built.kept) {
    built.renderings.set(f, rendering)
    rendering.catch(() => built.renderings.get(f) === rendering && built.renderings.delete(f))
  }
  return rendering
}

/** True when an `If-None-Match` header matches the ETag. */
export const etagMatches = (header: string | undefined, etag: string): boolean =>
  header !== undefined &&
  (header.trim() === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag))

/** The consistency token of a read: the `minPosition` query parameter, else the header (422 when malformed). */
const minPositionOf = (query: string | undefined, header: string | undefined): number | undefined => {
  const text = query ?? header?.trim()
  if (text === undefined || text === "") return undefined
  if (!Schema.is(MinPosition)(text))
    fail("invalid-request", "Ledger-Min-Position: a log position (a whole number), e.g. 1234")
  return Number(text)
}

/** The disclosure route. @category routes */
/**
 * Caching of a disclosure answer. Every read is authenticated, so nothing goes to a shared cache
 * (`private`); a past position can never change (immutable for a year); `published` moves when the
 * next version is published and `current` with every append, so both revalidate by ETag.
 */
const cacheControlOf = (point: AsOf, immutable: boolean): string =>
  immutable && point._tag === "Position" ? "private, max-age=31536000, immutable" : "private, no-cache"

export const disclosureRoutes = (_deps: ApiDeps, documents: Documents): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "get",
      path: "/v1/departments/{code}/years/{year}/disclosure",
      operationId: "getDisclosure",
      summary: "The disclosure (部门预算公开) replayed as of a point, in a format",
      description: `\`asOf\`: current (default), published, a log position, an ISO instant, a date (the end of that day in Asia/Shanghai) or occurred:DATE. \`format\` or \`Accept\` picks ${FORMAT_NAMES.join("/")} (csv answers application/zip: one UTF-8 CSV file per table). ETag is the document hash; published versions and past positions are immutable.`,
      tag: "disclosure",
      roles: ["writer", "auditor", "admin"],
      params: DepartmentYearPath,
      query: DisclosureQuery,
      headers: [
        {
          name: "If-None-Match",
          required: false,
          description: "an ETag from an earlier answer: 304 when unchanged",
        },
        {
          name: "Ledger-Min-Position",
          required: false,
          description:
            "consistency token, as the `minPosition` query parameter: the answer reflects at least this log position, whichever API process or read replica serves it",
        },
      ],
      responses: {
        200: {
          description: "the document",
          schema: Disclosure,
          contentTypes: [...OTHER_MEDIA],
          headers: {
            ETag: "the document hash (with the format for non-JSON)",
            "Cache-Control": "private; immutable for past positions, revalidated by ETag otherwise",
            "Ledger-Position":
              "the log position of the last event of the stream as read (a consistency token for later reads)",
            "Content-Disposition": CONTENT_DISPOSITION_DOC,
          },
        },
        304: { description: "not modified" },
      },
      problems: [
        "malformed-request",
        "invalid-request",
        "not-found",
        "not-published",
        "not-acceptable",
        "not-disclosable",
        "store-unavailable",
        "ledger-integrity",
      ],
    },
    async (c) => {
      const { code, year } = pathOf(c, DepartmentYearPath)
      const q = queryOf(c, DisclosureQuery)
      requireRead(c, code)
      const format = q.format ?? formatFromAccept(c.req.header("accept"))
      if (format === undefined)
        fail("not-acceptable", `acceptable types: ${FORMAT_NAMES.map((f) => MEDIA[f]).join(", ")}`)
      const f = format as Format
      const point = asOfOf(q.asOf, "asOf")
      const minPosition = minPositionOf(q.minPosition, c.req.header("ledger-min-position"))
      const built =
        (minPosition === undefined ? cachedDocument(c, code, Number(year), point) : undefined) ??
        (await documents.get(code, Number(year), point, { minPosition }))
      const etag = `"${built.doc.documentHash}${f === "json" ? "" : "." + f}"`
      const headers: Record<string, string> = {
        etag,
        "cache-control": cacheControlOf(point, built.immutable),
        vary: "Accept, Authorization, Ledger-Min-Position",
        "ledger-position": String(built.replay.log.at(-1)?.meta.position ?? 0),
      }
      // As published: the immutable, public URL of this very document, for caches and citations.
      if (point._tag === "Published")
        headers["link"] =
          `<${publicationPath(code, Number(year), built.doc.documentHash)}${f === "json" ? "" : `?format=${f}`}>; rel="canonical"`
      if (etagMatches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers)
      const rendered = await renderingOf(built, f)
      headers["content-type"] = rendered.contentType
      headers["content-disposition"] = contentDisposition(code, Number(year), q.asOf ?? "current", f)
      return c.body(
        typeof rendered.body === "string" ? rendered.body : (rendered.body as Uint8Array<ArrayBuffer>),
        200,
        headers,
      )
    },
  ),
]
