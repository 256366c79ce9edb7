/**
 * Guards "the repository tests all of itself": every test file on disk belongs to one of the root
 * vitest projects, so a test placed outside them (as the event-catalogue test once was) fails here
 * instead of silently never running. Asks vitest itself which files it would run.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join, relative, sep } from "node:path"
import { describe, expect, it } from "vitest"

const ROOT = join(import.meta.dirname, "..")

/** Every `*.test.ts(x)` git knows of (tracked or new, not ignored), relative to the root. */
const testFilesOnDisk = (): string[] => {
  const out = spawnSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", "*.test.ts", "*.test.tsx"],
    { cwd: ROOT, encoding: "utf8" },
  )
  expect(out.status, out.stderr).toBe(0)
  return [...new Set(out.stdout.split("\n").filter((f) => f !== "" && existsSync(join(ROOT, f))))].sort()
}

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
  it("collect every test file in the repository", { timeout: 180_000 }, () => {
    const onDisk = testFilesOnDisk()
    expect(onDisk).toContain("packages/domain/scripts/event-catalogue.test.ts")
    expect(testFilesVitestRuns()).toEqual(onDisk)
  })
})
