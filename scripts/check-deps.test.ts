/**
 * Tests of the dependency-direction check against small fake workspaces written to a temp dir:
 * a clean tree passes, and each rule, broken once, fails naming the file, the import and the rule.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { checkDeps } from "./check-deps.mjs"

const CLI = join(import.meta.dirname, "check-deps.mjs")

type Tree = Record<string, string>

const manifest = (name: string, deps: string[], extra: object = {}): string =>
  JSON.stringify({
    name,
    type: "module",
    exports: { ".": "./src/index.ts", "./testing": "./src/testing/index.ts", "./internal/*": null },
    dependencies: Object.fromEntries(
      deps.map((d) => [d, d.startsWith("@ledger/") ? "workspace:*" : "1.0.0"]),
    ),
    devDependencies: { vitest: "4.1.12" },
    ...extra,
  })

/** A small workspace that obeys every rule. */
const cleanTree = (): Tree => ({
  "package.json": JSON.stringify({ name: "root", private: true, devDependencies: { typescript: "6.0.3" } }),
  "packages/domain/package.json": manifest("@ledger/domain", ["effect", "decimal.js"]),
  "packages/domain/src/Money.ts": `import Decimal from "decimal.js"\nexport const one = new Decimal(1)\n`,
  "packages/domain/src/index.ts": `import { Schema } from "effect"\nexport * as Money from "./Money.ts"\nexport const S = Schema.String\n`,
  "packages/domain/src/Money.test.ts": `import { it } from "vitest"\nimport { one } from "./Money.ts"\nit("x", () => void one)\n`,
  "packages/eventstore/package.json": manifest("@ledger/eventstore", ["@ledger/domain", "effect"]),
  "packages/eventstore/src/index.ts": `import type { S } from "@ledger/domain"\nimport { readFileSync } from "node:fs"\nimport path from "path"\nexport type T = typeof S\nvoid readFileSync; void path\n`,
  "packages/eventstore/src/testing/index.ts": `import { it } from "vitest"\nexport const contract = it\n`,
  "packages/store-postgres/package.json": manifest("@ledger/store-postgres", [
    "@ledger/domain",
    "@ledger/eventstore",
    "kysely",
    "pg",
    "@electric-sql/pglite",
  ]),
  "packages/store-postgres/src/index.ts": `import { Kysely } from "kysely"\nimport pg from "pg"\nimport { PGlite } from "@electric-sql/pglite"\nexport { Kysely, pg, PGlite }\n`,
  "packages/store-postgres/src/store.int.test.ts": `import { contract } from "@ledger/eventstore/testing"\nvoid contract\n`,
  "packages/projections/package.json": manifest("@ledger/projections", [
    "@ledger/domain",
    "@ledger/eventstore",
  ]),
  "packages/projections/src/index.ts": `export { Money } from "@ledger/domain"\nexport type { T } from "@ledger/eventstore"\n`,
  "packages/render/package.json": manifest("@ledger/render", ["@ledger/domain", "@ledger/projections"]),
  "packages/render/src/index.ts": `export * from "@ledger/projections"\n`,
  "apps/api/package.json": manifest("@ledger/api", [
    "@ledger/domain",
    "@ledger/eventstore",
    "@ledger/store-postgres",
    "@ledger/projections",
    "@ledger/render",
    "hono",
  ]),
  "apps/api/src/index.ts": `import "@ledger/store-postgres"\nimport "@ledger/render"\nimport { Hono } from "hono"\nexport type App = Hono\n`,
  "apps/admin/package.json": manifest("@ledger/admin", ["@ledger/domain", "@ledger/api"]),
  "apps/admin/src/index.ts": `import type { App } from "@ledger/api"\nimport { S } from "@ledger/domain"\nexport type A = App\nvoid S\n`,
  "bench/package.json": JSON.stringify({
    name: "@ledger/bench",
    dependencies: { pg: "1", "@ledger/store-postgres": "1" },
  }),
  "bench/main.ts": `import pg from "pg"\nimport "@ledger/store-postgres"\nvoid pg\n`,
})

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

const writeTree = (tree: Tree): string => {
  const root = mkdtempSync(join(tmpdir(), "check-deps-"))
  roots.push(root)
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe("check-deps", () => {
  it("passes a clean workspace, through the API and the command line", () => {
    const root = writeTree(cleanTree())
    const result = checkDeps(root)
    expect(result.violations).toEqual([])
    expect(result.files).toBe(12)
    const cli = spawnSync(process.execPath, [CLI, "--root", root], { encoding: "utf8" })
    expect(cli.status).toBe(0)
    expect(cli.stdout).toContain("dependency direction ok")
  })

  const cases: Array<{ title: string; file: string; text: string; rule: string; specifier: string }> = [
    {
      title: "domain imports a workspace package",
      file: "packages/domain/src/Bad.ts",
      text: `import { T } from "@ledger/eventstore"\n`,
      rule: "layer",
      specifier: "@ledger/eventstore",
    },
    {
      title: "eventstore imports the store further out",
      file: "packages/eventstore/src/bad.ts",
      text: `export * from "@ledger/store-postgres"\n`,
      rule: "layer",
      specifier: "@ledger/store-postgres",
    },
    {
      title: "projections imports render (type-only counts too)",
      file: "packages/projections/src/bad.ts",
      text: `import type { X } from "@ledger/render"\n`,
      rule: "layer",
      specifier: "@ledger/render",
    },
    {
      title: "a package imports an app",
      file: "packages/render/src/bad.ts",
      text: `const api = await import("@ledger/api")\n`,
      rule: "layer",
      specifier: "@ledger/api",
    },
    {
      title: "admin imports the store",
      file: "apps/admin/src/bad.ts",
      text: `import "@ledger/store-postgres"\n`,
      rule: "layer",
      specifier: "@ledger/store-postgres",
    },
    {
      title: "admin imports the eventstore",
      file: "apps/admin/src/bad.ts",
      text: `type X = import("@ledger/eventstore").T\n`,
      rule: "layer",
      specifier: "@ledger/eventstore",
    },
    {
      title: "admin imports api values, not only types",
      file: "apps/admin/src/bad.ts",
      text: `import { app } from "@ledger/api"\n`,
      rule: "layer",
      specifier: "@ledger/api",
    },
    {
      title: "projections imports kysely",
      file: "packages/projections/src/bad.ts",
      text: `import { sql } from "kysely"\n`,
      rule: "driver-outside-store",
      specifier: "kysely",
    },
    {
      title: "an app imports pg",
      file: "apps/api/src/bad.ts",
      text: `import pg from "pg"\n`,
      rule: "driver-outside-store",
      specifier: "pg",
    },
    {
      title: "domain imports PGlite",
      file: "packages/domain/src/Bad.ts",
      text: `export { PGlite } from "@electric-sql/pglite/worker"\n`,
      rule: "driver-outside-store",
      specifier: "@electric-sql/pglite/worker",
    },
    {
      title: "a domain module other than Money imports decimal.js",
      file: "packages/domain/src/Budget.ts",
      text: `import Decimal from "decimal.js"\n`,
      rule: "decimal-outside-money",
      specifier: "decimal.js",
    },
    {
      title: "render imports decimal.js",
      file: "packages/render/src/format.ts",
      text: `import Decimal = require("decimal.js")\n`,
      rule: "decimal-outside-money",
      specifier: "decimal.js",
    },
    {
      title: "a deep import into src",
      file: "apps/api/src/bad.ts",
      text: `import { one } from "@ledger/domain/src/Money.ts"\n`,
      rule: "deep-import",
      specifier: "@ledger/domain/src/Money.ts",
    },
    {
      title: "a relative path into another package",
      file: "packages/eventstore/src/bad.ts",
      text: `import { one } from "../../domain/src/Money.ts"\n`,
      rule: "deep-import",
      specifier: "../../domain/src/Money.ts",
    },
    {
      title: "a workspace import the package does not declare",
      file: "packages/render/src/bad.ts",
      text: `import { T } from "@ledger/eventstore"\n`,
      rule: "undeclared",
      specifier: "@ledger/eventstore",
    },
    {
      title: "production code importing a devDependency",
      file: "packages/projections/src/bad.ts",
      text: `import { it } from "vitest"\n`,
      rule: "undeclared",
      specifier: "vitest",
    },
    {
      title: "production code importing a testing subpath",
      file: "apps/api/src/bad.ts",
      text: `import { contract } from "@ledger/eventstore/testing"\n`,
      rule: "testing-in-production",
      specifier: "@ledger/eventstore/testing",
    },
  ]

  it.each(cases)("fails when $title", ({ file, text, rule, specifier }) => {
    const root = writeTree({ ...cleanTree(), [file]: text })
    const { violations } = checkDeps(root)
    expect(violations).toContainEqual(expect.objectContaining({ file, rule, specifier, line: 1 }))
  })

  it("exits 1 on the command line, naming file, line, rule and import", () => {
    const root = writeTree({ ...cleanTree(), "packages/domain/src/Bad.ts": `\nimport "@ledger/render"\n` })
    const cli = spawnSync(process.execPath, [CLI, "--root", root], { encoding: "utf8" })
    expect(cli.status).toBe(1)
    expect(cli.stderr).toContain("packages/domain/src/Bad.ts:2 [layer] '@ledger/render'")
    expect(cli.stderr).toContain("packages/domain/src/Bad.ts:2 [undeclared] '@ledger/render'")
  })

  it("fails on a deep import into a closed internal path, even with a valid-looking name", () => {
    const root = writeTree({
      ...cleanTree(),
      "apps/api/src/bad.ts": `import { x } from "@ledger/domain/internal/hash"\n`,
    })
    const { violations } = checkDeps(root)
    expect(violations).toEqual([
      expect.objectContaining({ file: "apps/api/src/bad.ts", rule: "deep-import" }),
    ])
  })

  it("accepts a devDependency and a testing subpath in test files only", () => {
    const root = writeTree({
      ...cleanTree(),
      "apps/api/src/routes.e2e.test.ts": `import { it } from "vitest"\nimport { contract } from "@ledger/eventstore/testing"\nvoid it; void contract\n`,
    })
    expect(checkDeps(root).violations).toEqual([])
  })

  it("fails on a workspace package missing from the layer table", () => {
    const root = writeTree({
      ...cleanTree(),
      "packages/extra/package.json": manifest("@ledger/extra", ["@ledger/domain"]),
      "packages/extra/src/index.ts": `export { S } from "@ledger/domain"\n`,
    })
    expect(checkDeps(root).violations).toEqual([
      expect.objectContaining({
        file: "packages/extra/src/index.ts",
        rule: "layer",
        specifier: "@ledger/domain",
      }),
    ])
  })
})
