/**
 * The browser half of the admin app: plain ES modules and one stylesheet in `src/public/`, read
 * once at start and served as they are. No bundler and no build step, so what the browser runs is
 * exactly what is in the repository (see docs/adr/0001-admin-app.md).
 */
import { readdirSync, readFileSync } from "node:fs"
import { createHash } from "node:crypto"
import { extname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** One static file with the headers it is served with. @category models */
export interface Asset {
  readonly body: string
  readonly contentType: string
  /** A strong ETag of the content, so a reload costs a 304. */
  readonly etag: string
}

const TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
}

/** The folder the browser files live in. */
export const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url))

/** Reads every servable file of `dir` (not recursive) into a name → asset map. @category constructors */
export const loadAssets = (dir: string = PUBLIC_DIR): ReadonlyMap<string, Asset> => {
  const assets = new Map<string, Asset>()
  for (const name of readdirSync(dir).sort()) {
    const contentType = TYPES[extname(name)]
    if (contentType === undefined) continue
    const body = readFileSync(join(dir, name), "utf8")
    const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 32)}"`
    assets.set(name, { body, contentType, etag })
  }
  return assets
}

/** A short fingerprint of every asset together: the shell links `?v=<it>` so a new release is fetched. */
export const versionOf = (assets: ReadonlyMap<string, Asset>): string =>
  createHash("sha256")
    .update([...assets.values()].map((a) => a.etag).join(","))
    .digest("hex")
    .slice(0, 12)
