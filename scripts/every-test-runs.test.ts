/**
 * Guards "the repository tests all of itself": every test file on disk belongs to one of the root
 * vitest projects, so a test placed outside them (as the event-catalogue test once was) fails here
 * instead of silently never running. Asks vitest itself which files it would run.
 */
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { join, relative, sep } from "node:path"
import { describe, expect, it } from "vitest"

const ROOT = join(import.meta.dirname, "..")
const SKIP = new Set(["node_modules", "dist", ".git", ".cache", ".turbo", "artifacts", "coverage"])

/** Every `*.test.ts(x)` under the repository, relative, outside dependencies and build output. */
const testFilesOnDisk = (): string[] =>
  readdirSync(ROOT, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.test\.tsx?$/.test(f) && !f.split(sep).some((part) => SKIP.has(part)))
    .map((f) => f.split(sep).join("/"))
    .sort()

/** The files vitest collects with integration tests on, as `pnpm test:all` runs it. */
const testFilesVitestRuns = (): string[] => {
  const out = spawnSync(join(ROOT, "node_modules", ".bin", "vitest"), ["list", "--filesOnly", "--json"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, LEDGER_INT_TESTS: "1" },
  })
  expect(out.status, out.stderr).toBe(0)
  const listed = JSON.parse(out.stdout) as Array<{ file: string }>
  return [...new Set(listed.map((l) => relative(ROOT, l.file).split(sep).join("/")))].sort()
}

describe("the root vitest projects", () => {
  it("collect every test file in the repository", () => {
    const onDisk = testFilesOnDisk()
    expect(onDisk).toContain("packages/domain/scripts/event-catalogue.test.ts")
    expect(testFilesVitestRuns()).toEqual(onDisk)
  })
})
