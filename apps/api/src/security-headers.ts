/**
 * Headers every `/v1` answer carries, errors and 304s included: `X-Content-Type-Options: nosniff`
 * (a CSV or text body is never sniffed into HTML), a Content-Security-Policy that lets a disclosure
 * page style itself and show its inline SVG charts but run no script and load nothing, and
 * `Cache-Control: private, no-cache` wherever a route did not choose its own caching — answers to
 * authenticated requests must never sit in a shared cache.
 */
import { createHash } from "node:crypto"
import type { MiddlewareHandler } from "hono"
import { DOCS_PAGE } from "./docs-page.ts"

/** The policy of every `/v1` answer: no script, no fetch, no frame, inline styles and data images only. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(DOCS_PAGE)?.[1] ?? ""

/** The API reference page runs its one inline script (by hash) and reads the OpenAPI document. */
const DOCS_CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY}; script-src 'sha256-${createHash("sha256")
  .update(inlineScript, "utf8")
  .digest("base64")}'; connect-src 'self'`

/** The default caching of an answer whose route chose none. */
const DEFAULT_CACHE_CONTROL = "private, no-cache"

/** Adds the security headers to every answer below it. @category middleware */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const h = c.res.headers
  h.set("x-content-type-options", "nosniff")
  h.set(
    "content-security-policy",
    c.req.path === "/v1/docs" ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
  )
  if (!h.has("cache-control")) h.set("cache-control", DEFAULT_CACHE_CONTROL)
}
