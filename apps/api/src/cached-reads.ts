/**
 * Cached answers skip the admission gate. A token-less GET of a disclosure whose document the
 * documents cache can answer at once ({@link Documents.peek}: current or published, checked against
 * the store within `headTtlMs`) costs no replay, so it does not queue behind replays for a slot;
 * the document found is handed to the route, which uses it only for the very point it decodes
 * itself (so the route's own checks — path, query, role — still decide the answer).
 */
import type { Context } from "hono"
import { AsOf } from "@ledger/projections"
import { Result } from "effect"
import type { BuiltDocument, Documents } from "./documents.ts"

/** The disclosure routes: the authenticated one (any point) and the public one (as published). */
const DISCLOSURE = /^\/v1\/(public\/)?departments\/([^/]+)\/years\/(\d{1,4})\/disclosure$/

/** Documents found for a request, by the request (never outlives it). */
const found = new WeakMap<Request, { readonly key: string; readonly built: BuiltDocument }>()

const keyOf = (code: string, year: number, point: AsOf): string => `${code}|${year}|${AsOf.format(point)}`

/** The point a disclosure request asks for when it carries no consistency token, else undefined. */
const pointOf = (c: Context, isPublic: boolean): AsOf | undefined => {
  if (isPublic) return AsOf.published
  if (c.req.query("minPosition") !== undefined || c.req.header("ledger-min-position") !== undefined)
    return undefined
  const r = AsOf.decode(c.req.query("asOf") ?? "current", "query.asOf")
  return Result.isSuccess(r) ? r.success : undefined
}

/** True (and the document noted for the route) when a GET of a disclosure is answered from the cache. */
export const answeredFromCache = (documents: Documents, c: Context): boolean => {
  if (c.req.method !== "GET") return false
  const m = DISCLOSURE.exec(c.req.path)
  if (m === null) return false
  const [, isPublic, code = "", year = ""] = m
  const point = pointOf(c, isPublic !== undefined)
  const built = point === undefined ? undefined : documents.peek(code, Number(year), point)
  if (point === undefined || built === undefined) return false
  found.set(c.req.raw, { key: keyOf(code, Number(year), point), built })
  return true
}

/** The document found for this request by {@link answeredFromCache}, if it is for this very point. */
export const cachedDocument = (
  c: Context,
  code: string,
  year: number,
  point: AsOf,
): BuiltDocument | undefined => {
  const hit = found.get(c.req.raw)
  return hit !== undefined && hit.key === keyOf(code, year, point) ? hit.built : undefined
}
