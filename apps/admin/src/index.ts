/**
 * Public entry of @ledger/admin: the admin web app for finance officers and auditors, as a Hono
 * sub-application the API mounts at `/` (`makeApp({ …, admin: makeAdminApp() })`). It serves one
 * shell page and the browser modules; the browser talks to the `/v1` API on the same origin.
 */
import { Hono } from "hono"
import type { Context } from "hono"
import { loadAssets, versionOf } from "./assets.ts"
import type { Asset } from "./assets.ts"
import { shellHtml } from "./shell.ts"

export { loadAssets, PUBLIC_DIR, versionOf } from "./assets.ts"
export type { Asset } from "./assets.ts"
export { shellHtml } from "./shell.ts"

/** What the page may load: only this origin (the API), inline SVG and blob downloads. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

const serveAsset = (c: Context, asset: Asset, versioned: boolean): Response => {
  const headers = {
    "content-type": asset.contentType,
    etag: asset.etag,
    "cache-control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
  }
  if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers)
  return c.body(asset.body, 200, headers)
}

/**
 * Builds the admin app: `GET /` (and `/admin`) is the shell, `GET /admin/assets/<file>` the browser
 * files. Assets are read once here, so serving is a map lookup.
 * @category constructors
 */
export const makeAdminApp = (): Hono => {
  const assets = loadAssets()
  const version = versionOf(assets)
  const page = shellHtml(version)
  const app = new Hono()
  const shell = (c: Context): Response =>
    c.html(page, 200, {
      "content-security-policy": CSP,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    })
  app.get("/", shell)
  app.get("/admin", shell)
  app.get("/admin/assets/:name", (c) => {
    const asset = assets.get(c.req.param("name"))
    if (asset === undefined) return c.text("未找到该文件", 404)
    return serveAsset(c, asset, c.req.query("v") === version)
  })
  return app
}
