#!/usr/bin/env node
/**
 * Builds what `pnpm start` runs: the API (`apps/api/src/main.ts`) as one esbuild bundle in
 * `node_modules/.cache/ledger-api/`, rebuilt at every start (≈ 1 s) so it is never stale. Running
 * the bundle with plain `node` instead of the sources through tsx holds ≈ 130 MiB less resident
 * memory (no transform in the process, no kept sources and source maps, only the parts of Effect,
 * Kysely and Hono the server uses) and starts in a few seconds (docs/performance.md, "`pnpm start`
 * memory (PGlite)"). Development and the tests keep running the TypeScript through tsx/Vitest.
 *
 * Two things a bundle would otherwise break, handled here:
 * - data files found relative to a module (`new URL("../data/…", import.meta.url)`: the taxonomy,
 *   the glossary, the admin app's browser files, the fixtures) — such a URL is rewritten to the
 *   source file's own location, and any other `import.meta.url` in a bundled source fails the build
 *   unless the module means the bundle's own folder (the worker entries below);
 * - the drivers and the browser driver stay external (PGlite loads its WebAssembly and data files
 *   beside its own module; playwright-core and pg load files of their own), imported by absolute
 *   URL, since the cache folder cannot resolve a package that only a workspace package depends on.
 *
 * Entries: `main.js` (the server), `replay-worker.js`, `init-store.js` and `pglite-worker.js`, which
 * the server starts from its own folder (`replay-pool.ts`, `fresh-store.ts`, and the store's
 * `pglite-thread.ts`). Each build goes to a folder named by
 * the hash of its output, and `main.js` in the cache folder imports the newest: a server still
 * running an older build keeps loading its own chunks and worker later (a PDF, the first replay).
 * The three most recent builds are kept. Usage: `node scripts/build-api.mjs`.
 */
import { createHash } from "node:crypto"
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs"
import { readFile } from "node:fs/promises"
import { dirname, join, relative } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { build } from "esbuild"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..")

/** Where `pnpm start` runs the server from: `main.js` in it (see package.json "start"). */
const OUT_DIR = join(ROOT, "node_modules", ".cache", "ledger-api")

/** Packages left to Node: they read files beside their own modules, or are large and loaded late. */
const EXTERNAL = /^(?:@electric-sql\/|pg$|pg\/|pg-|kysely-pglite-dialect|playwright-core)/

/** Sources whose `import.meta.url` means the folder they run from (they start the entries). */
const OWN_FOLDER = new Set([
  "apps/api/src/replay-pool.ts",
  "apps/api/src/fresh-store.ts",
  "packages/store-postgres/src/pglite-thread.ts",
])

/** `new URL("<relative>", import.meta.url)` with a string literal. */
const RELATIVE_URL = /new URL\((["'][^"'`]*["']), import\.meta\.url\)/g

/** @type {import("esbuild").Plugin} */
const sourceLocations = {
  name: "source-locations",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === "inner" || !EXTERNAL.test(args.path)) return undefined
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "inner",
      })
      if (found.errors.length > 0) return { errors: found.errors }
      return { path: pathToFileURL(found.path).href, external: true }
    })
    b.onLoad({ filter: /\/(?:apps|packages)\/[^/]+\/src\/.*\.ts$/ }, async (args) => {
      const here = pathToFileURL(args.path).href
      const contents = (await readFile(args.path, "utf8")).replace(
        RELATIVE_URL,
        (_, literal) => `new URL(${literal}, ${JSON.stringify(here)})`,
      )
      const rel = relative(ROOT, args.path).split("\\").join("/")
      if (contents.includes("import.meta.url") && !OWN_FOLDER.has(rel))
        return {
          errors: [
            {
              text: `${rel} uses import.meta.url in a way scripts/build-api.mjs cannot rewrite: use new URL("<relative path>", import.meta.url)`,
            },
          ],
        }
      return { contents, loader: "ts" }
    })
  },
}

const built = await build({
  entryPoints: {
    main: join(ROOT, "apps/api/src/main.ts"),
    "replay-worker": join(ROOT, "apps/api/src/replay-worker.ts"),
    "pglite-worker": join(ROOT, "packages/store-postgres/src/pglite-worker.ts"),
    "init-store": join(ROOT, "apps/api/src/init-store.ts"),
  },
  outdir: join(OUT_DIR, "build"),
  write: false,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Whitespace only: names stay readable in stack traces.
  minifyWhitespace: true,
  legalComments: "none",
  plugins: [sourceLocations],
  logLevel: "warning",
})

/** The build's files by path relative to its folder. */
const files = built.outputFiles.map((f) => ({
  name: relative(join(OUT_DIR, "build"), f.path),
  bytes: f.contents,
}))
files.sort((a, b) => (a.name < b.name ? -1 : 1))
const hash = createHash("sha256")
for (const f of files) hash.update(f.name).update("\0").update(f.bytes).update("\0")
const id = hash.digest("hex").slice(0, 16)
const dir = join(OUT_DIR, id)
// Written aside and renamed into place, so a start running the same build at the same moment (two
// test files) never sees half of it.
if (!existsSync(dir)) {
  const temporary = `${dir}.${process.pid}.tmp`
  for (const f of files) {
    mkdirSync(dirname(join(temporary, f.name)), { recursive: true })
    writeFileSync(join(temporary, f.name), f.bytes)
  }
  try {
    renameSync(temporary, dir)
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true })
    if (!existsSync(dir)) throw error
  }
}
writeFileSync(join(dir, ".used"), new Date().toISOString())
const stub = `// Written by scripts/build-api.mjs: the newest build of the API.\nimport "./${id}/main.js"\n`
const stubFile = join(OUT_DIR, "main.js")
if (!existsSync(stubFile) || readFileSync(stubFile, "utf8") !== stub) {
  writeFileSync(`${stubFile}.${process.pid}.tmp`, stub)
  renameSync(`${stubFile}.${process.pid}.tmp`, stubFile)
}
// The three builds used last stay; older ones (and leftovers of interrupted builds) go.
const builds = readdirSync(OUT_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^[0-9a-f]{16}$/.test(d.name))
  .map((d) => {
    const path = join(OUT_DIR, d.name)
    return { path, used: existsSync(join(path, ".used")) ? statSync(join(path, ".used")).mtimeMs : 0 }
  })
  .sort((a, b) => b.used - a.used)
for (const old of builds.slice(3)) if (old.path !== dir) rmSync(old.path, { recursive: true, force: true })
