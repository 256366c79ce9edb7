#!/usr/bin/env node
/**
 * Dependency-direction check: imports point inward toward `@ledger/domain`, drivers stay in the
 * store, decimal.js stays in Money, packages are entered only through their `exports` map, and
 * every package declares what it imports. Walks `packages/*\/src`, `apps/*\/src` and `bench/`;
 * prints one line per violation (file, line, rule, import) and exits 1 when there is any.
 *
 * Usage: `node scripts/check-deps.mjs [--root DIR]` (the root defaults to this repository).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { dirname, join, relative, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { importsOf, walkSources } from "./lib/imports.mjs"

/**
 * @typedef {{ name: string, dir: string, kind: "package" | "app" | "bench", manifest: any }} WorkspacePackage
 * @typedef {{ file: string, line: number, specifier: string, rule: string, message: string }} Violation
 */

/** Marks a layer that may import every package under `packages/` (never an app). */
const ANY_PACKAGE = "packages/*"

/**
 * Which workspace packages each workspace package may import. Inner layers never see outer ones:
 * domain ← eventstore ← store-postgres; domain ← (eventstore) ← projections ← render, audit;
 * eventstore + projections ← service; apps and the benchmark on top.
 * A new workspace package must be added here before it may import anything from the workspace.
 * @type {Record<string, { may: string[] | typeof ANY_PACKAGE, typeOnly?: string[], apps?: string[] }>}
 */
export const LAYERS = {
  "@ledger/domain": { may: [] },
  "@ledger/eventstore": { may: ["@ledger/domain"] },
  "@ledger/store-postgres": { may: ["@ledger/domain", "@ledger/eventstore"] },
  "@ledger/projections": { may: ["@ledger/domain", "@ledger/eventstore"] },
  "@ledger/render": { may: ["@ledger/domain", "@ledger/projections"] },
  "@ledger/audit": { may: ["@ledger/domain", "@ledger/projections"] },
  "@ledger/service": { may: ["@ledger/domain", "@ledger/eventstore", "@ledger/projections"] },
  // Synthetic province: wire events from the taxonomy only, so it needs nothing but the domain.
  "@ledger/province": { may: ["@ledger/domain"] },
  // An adapter like the stores: it starts a browser to print a rendered document.
  "@ledger/print": { may: ["@ledger/domain", "@ledger/projections", "@ledger/render"] },
  // The API is the composition root of `pnpm start`: it mounts the admin app at `/`.
  "@ledger/api": { may: ANY_PACKAGE, apps: ["@ledger/admin"] },
  "@ledger/cli": { may: ANY_PACKAGE },
  // The admin app talks to the API over HTTP; it may share its route types, never its stores.
  "@ledger/admin": {
    may: ["@ledger/domain", "@ledger/projections", "@ledger/render", "@ledger/audit"],
    typeOnly: ["@ledger/api"],
  },
  "@ledger/bench": { may: ANY_PACKAGE },
}

/** Database drivers and query builders: only the store package (and the benchmark) may use them. */
const isDriver = (/** @type {string} */ name) =>
  name === "kysely" ||
  name.startsWith("kysely-") ||
  name === "pg" ||
  name.startsWith("pg-") ||
  name === "postgres" ||
  name.startsWith("@electric-sql/")

/** Test code may use devDependencies and `./testing` subpaths; production code may not. */
const isTestFile = (/** @type {string} */ rel) =>
  /\.(?:test|int\.test|e2e\.test|spec)\.(?:ts|tsx|mts|cts)$/.test(rel) ||
  /(?:^|\/)src\/(?:testing|testing-fixtures)\//.test(rel)

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
const packageNameOf = (/** @type {string} */ spec) => {
  const parts = spec.split("/")
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? spec)
}

const isBuiltin = (/** @type {string} */ spec) =>
  spec.startsWith("node:") || builtinModules.includes(packageNameOf(spec))

/**
 * True when `subpath` (e.g. `./testing`) is a public entry of the package's `exports` map;
 * `null` targets (like `"./internal/*": null`) close a path.
 * @param {any} manifest @param {string} subpath
 */
const isExported = (manifest, subpath) => {
  const exportsMap = manifest.exports
  if (exportsMap === undefined || exportsMap === null) return subpath === "."
  if (typeof exportsMap === "string" || Array.isArray(exportsMap)) return subpath === "."
  const keys = Object.keys(exportsMap)
  if (!keys.every((k) => k.startsWith("."))) return subpath === "."
  if (subpath in exportsMap) return exportsMap[subpath] !== null
  const patterns = keys
    .filter((k) => k.includes("*"))
    .filter((k) => {
      const [pre = "", post = ""] = k.split("*")
      return subpath.startsWith(pre) && subpath.endsWith(post) && subpath.length >= pre.length + post.length
    })
    .sort((a, b) => b.indexOf("*") - a.indexOf("*"))
  const best = patterns[0]
  return best !== undefined && exportsMap[best] !== null
}

/**
 * The workspace packages under `root`: `packages/*`, `apps/*` and `bench`.
 * @param {string} root @returns {WorkspacePackage[]}
 */
export const readWorkspace = (root) => {
  /** @type {WorkspacePackage[]} */
  const found = []
  /** @param {string} dir @param {WorkspacePackage["kind"]} kind */
  const add = (dir, kind) => {
    const file = join(dir, "package.json")
    if (!existsSync(file)) return
    const manifest = JSON.parse(readFileSync(file, "utf8"))
    found.push({ name: manifest.name, dir, kind, manifest })
  }
  for (const [folder, kind] of /** @type {const} */ ([
    ["packages", "package"],
    ["apps", "app"],
  ])) {
    const base = join(root, folder)
    if (!existsSync(base)) continue
    for (const entry of readdirSync(base, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.isDirectory()) add(join(base, entry.name), kind)
    }
  }
  add(join(root, "bench"), "bench")
  return found
}

/**
 * Runs every rule over the workspace at `root`.
 * @param {string} root
 * @returns {{ violations: Violation[], files: number, imports: number }}
 */
export const checkDeps = (root) => {
  const workspace = readWorkspace(root)
  const byName = new Map(workspace.map((p) => [p.name, p]))
  const rootManifest = existsSync(join(root, "package.json"))
    ? JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
    : {}
  /** @type {Violation[]} */
  const violations = []
  let files = 0
  let imports = 0
  for (const pkg of workspace) {
    const layer = LAYERS[pkg.name]
    const m = pkg.manifest
    const prodDeps = new Set(
      Object.keys({ ...m.dependencies, ...m.peerDependencies, ...m.optionalDependencies }),
    )
    const devDeps = new Set([
      ...Object.keys({ ...m.devDependencies }),
      ...Object.keys({ ...rootManifest.devDependencies }),
    ])
    const sources = walkSources(pkg.kind === "bench" ? pkg.dir : join(pkg.dir, "src"))
    for (const file of sources) {
      files += 1
      const rel = relative(root, file).split(sep).join("/")
      const test = isTestFile(rel)
      /** @param {number} line @param {string} specifier @param {string} rule @param {string} message */
      const fail = (line, specifier, rule, message) =>
        violations.push({ file: rel, line, specifier, rule, message })
      for (const { specifier, line, typeOnly } of importsOf(file)) {
        imports += 1
        if (specifier.startsWith(".") || specifier.startsWith("/")) {
          const target = resolve(dirname(file), specifier)
          if (target !== pkg.dir && !target.startsWith(pkg.dir + sep)) {
            fail(
              line,
              specifier,
              "deep-import",
              `reaches outside ${pkg.name}; import the other package by name`,
            )
          }
          continue
        }
        if (isBuiltin(specifier)) continue
        const name = packageNameOf(specifier)
        const subpath = "." + specifier.slice(name.length)
        if (name === "decimal.js" && rel !== "packages/domain/src/Money.ts") {
          fail(
            line,
            specifier,
            "decimal-outside-money",
            "only packages/domain/src/Money.ts may import decimal.js",
          )
        }
        if (isDriver(name) && !rel.startsWith("packages/store-postgres/") && pkg.kind !== "bench") {
          fail(
            line,
            specifier,
            "driver-outside-store",
            "only packages/store-postgres may import database drivers",
          )
        }
        const target = byName.get(name)
        if (target !== undefined && target !== pkg) {
          if (layer === undefined) {
            fail(line, specifier, "layer", `${pkg.name} is not in the LAYERS table of scripts/check-deps.mjs`)
          } else if (
            target.kind === "app" &&
            !(typeOnly && layer.typeOnly?.includes(name)) &&
            !layer.apps?.includes(name)
          ) {
            fail(line, specifier, "layer", `${pkg.name} must not import the app ${name}`)
          } else if (target.kind !== "app" && layer.may !== ANY_PACKAGE && !layer.may.includes(name)) {
            const allowed = layer.may.join(", ") || "none"
            fail(line, specifier, "layer", `${pkg.name} must not import ${name} (allowed: ${allowed})`)
          }
        }
        if (target !== undefined && subpath !== "." && !isExported(target.manifest, subpath)) {
          fail(line, specifier, "deep-import", `${subpath} is not in the exports map of ${name}`)
        } else if (target !== undefined && target !== pkg && /^\.\/testing(?:\/|$)/.test(subpath) && !test) {
          fail(line, specifier, "testing-in-production", `production code must not import ${specifier}`)
        }
        if (target !== pkg && !prodDeps.has(name) && !(test && devDeps.has(name))) {
          const where = test ? "dependencies or devDependencies" : "dependencies"
          fail(line, specifier, "undeclared", `${name} is not declared in ${pkg.name}'s ${where}`)
        }
      }
    }
  }
  return { violations, files, imports }
}

/** Formats one violation as `file:line [rule] 'import': why`. */
export const formatViolation = (/** @type {Violation} */ v) =>
  `${v.file}:${v.line} [${v.rule}] '${v.specifier}': ${v.message}`

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--root")
  const root =
    flag >= 0
      ? resolve(process.argv[flag + 1] ?? ".")
      : resolve(dirname(fileURLToPath(import.meta.url)), "..")
  const { violations, files, imports } = checkDeps(root)
  for (const v of violations) console.error(formatViolation(v))
  if (violations.length > 0) {
    console.error(`check-deps: ${violations.length} violation(s) in ${files} files`)
    process.exit(1)
  }
  console.log(`check-deps: ${files} files, ${imports} imports, dependency direction ok`)
}
