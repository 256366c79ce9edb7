/**
 * Proves `@ledger/domain` is publishable: build it, `pnpm pack` it, install the tarball into a
 * scratch project with npm (as an outside developer would), then type-check a consumer against
 * the shipped `.d.ts` and run it against the shipped ESM. Slow (build + install), hence e2e.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const REPO = join(import.meta.dirname, "..")
const DOMAIN = join(REPO, "packages", "domain")
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc")

const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 240_000 })

/** Runs a command that is expected to fail and returns its combined output. */
const runFailing = (cmd: string, args: string[], cwd: string): string => {
  try {
    run(cmd, args, cwd)
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return `${e.stdout ?? ""}${e.stderr ?? ""}`
  }
  throw new Error(`expected ${cmd} ${args.join(" ")} to fail`)
}

describe("pnpm pack of @ledger/domain", () => {
  let work = ""
  let tarball = ""
  let scratch = ""
  let sourceExports: string[] = []

  beforeAll(async () => {
    // Read the source's exports first: the build below must ship exactly these.
    const source = (await import("../packages/domain/src/index.ts")) as Record<string, unknown>
    sourceExports = Object.keys(source).sort()
    work = mkdtempSync(join(tmpdir(), "ledger-pack-"))
    // A clean build: a stale file left in dist/ by an earlier build must not be shipped.
    rmSync(join(DOMAIN, "dist"), { recursive: true, force: true })
    run(process.execPath, [TSC, "-p", "tsconfig.build.json"], DOMAIN)
    run("pnpm", ["pack", "--pack-destination", work], DOMAIN)
    const found = readdirSync(work).filter((f) => f.endsWith(".tgz"))
    expect(found).toHaveLength(1)
    tarball = join(work, found[0] ?? "")
    scratch = join(work, "consumer")
    run("mkdir", ["-p", scratch], work)
    writeFileSync(
      join(scratch, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    )
    run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--loglevel=error",
        tarball,
      ],
      scratch,
    )
  }, 300_000)

  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true })
  })

  it("ships compiled ESM, declarations and the data folder, not the TS sources", () => {
    const listing = run("tar", ["-tzf", tarball], work).split("\n")
    expect(listing).toContain("package/dist/index.js")
    expect(listing).toContain("package/dist/index.d.ts")
    expect(listing.filter((f) => f.startsWith("package/src/"))).toEqual([])
    const dataFiles = readdirSync(join(DOMAIN, "data"), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => `package/${join(d.parentPath, d.name).slice(DOMAIN.length + 1)}`)
    for (const file of dataFiles) expect(listing).toContain(file)
  })

  it("publishes an exports map that points at dist, with catalog versions resolved", async () => {
    const { readFile } = await import("node:fs/promises")
    const installed = JSON.parse(
      await readFile(join(scratch, "node_modules", "@ledger", "domain", "package.json"), "utf8"),
    ) as { exports: Record<string, unknown>; dependencies: Record<string, string> }
    expect(installed.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" })
    for (const version of Object.values(installed.dependencies)) {
      expect(version).not.toMatch(/^(catalog|workspace):/)
    }
  })

  it("type-checks a consumer against the shipped declarations (not any)", () => {
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        include: ["consumer.ts"],
      }),
    )
    writeFileSync(
      join(scratch, "consumer.ts"),
      [
        `import * as Domain from "@ledger/domain"`,
        `export const names: ReadonlyArray<keyof typeof Domain> = Object.keys(Domain) as Array<keyof typeof Domain>`,
        `// @ts-expect-error -- proves the import is typed: an unknown export must be a type error`,
        `export const missing = Domain.definitelyNotExported`,
        ``,
      ].join("\n"),
    )
    expect(run(process.execPath, [TSC, "-p", "tsconfig.json"], scratch)).toBe("")
    writeFileSync(
      join(scratch, "consumer.ts"),
      `import * as Domain from "@ledger/domain"\nexport const x: number = Domain\n`,
    )
    expect(runFailing(process.execPath, [TSC, "-p", "tsconfig.json"], scratch)).toContain("TS2322")
  }, 180_000) // two tsc runs over effect's declarations: ~10 s quiet, minutes on a loaded machine

  it("runs from plain Node with the same runtime exports as the source", () => {
    writeFileSync(
      join(scratch, "consumer.mjs"),
      `import * as Domain from "@ledger/domain"\nconsole.log(JSON.stringify(Object.keys(Domain).sort()))\n`,
    )
    const shipped = JSON.parse(run(process.execPath, ["consumer.mjs"], scratch)) as string[]
    expect(shipped.length).toBeGreaterThan(0)
    expect(shipped).toEqual(sourceExports)
  })

  it("finds its taxonomy data files from dist once installed", () => {
    const expected = readdirSync(join(DOMAIN, "data", "taxonomy"))
      .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
      .filter((y) => y !== undefined)
      .map(Number)
      .sort((a, b) => a - b)
    writeFileSync(
      join(scratch, "taxonomy.mjs"),
      [
        `import { Taxonomy } from "@ledger/domain"`,
        `const years = Taxonomy.years()`,
        `const loaded = years.filter((y) => Taxonomy.forYear(y)._tag === "Success")`,
        `console.log(JSON.stringify({ years, loaded }))`,
        ``,
      ].join("\n"),
    )
    const out = JSON.parse(run(process.execPath, ["taxonomy.mjs"], scratch)) as {
      years: number[]
      loaded: number[]
    }
    expect(expected.length).toBeGreaterThan(0)
    expect(out).toEqual({ years: expected, loaded: expected })
  })
})
