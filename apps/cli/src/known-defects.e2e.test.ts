/**
 * `--known-defects FILE` / `LEDGER_KNOWN_DEFECTS` through the real command line: `check` and
 * `reconcile` label the §5.2 defects only when a registry acknowledges them on the document, so
 * without one the reference department's findings (and any other department's) carry no label.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fixturePath, referenceKnownDefectsPath, referencePath } from "@ledger/projections/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "./testing/run-cli.ts"

const dir = mkdtempSync(path.join(tmpdir(), "ledger-cli-known-"))
const store = path.join(dir, "store")
const DEPT = ["--department", "002", "--year", "2026", "--store", store] as const

const labels = (stdout: string, key: "findings" | "discrepancies"): Array<number> =>
  ((JSON.parse(stdout) as Record<string, Array<{ knownDefect?: number }>>)[key] ?? []).flatMap((f) =>
    f.knownDefect === undefined ? [] : [f.knownDefect],
  )

beforeAll(async () => {
  const imported = await runCli(["import", fixturePath, "--store", store, "--quiet"])
  expect(imported.code).toBe(0)
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("--known-defects", () => {
  it("check labels nothing without a registry, and the reference's items with its registry", async () => {
    const bare = await runCli(["check", ...DEPT])
    expect(labels(bare.stdout, "findings")).toEqual([])
    const flagged = await runCli(["check", ...DEPT, "--known-defects", referenceKnownDefectsPath])
    expect(new Set(labels(flagged.stdout, "findings"))).toEqual(new Set([3, 7, 11]))
    const fromEnv = await runCli(["check", ...DEPT], {
      env: { LEDGER_KNOWN_DEFECTS: referenceKnownDefectsPath },
    })
    expect(fromEnv.stdout).toBe(flagged.stdout)
    const missing = await runCli(["check", ...DEPT, "--known-defects", path.join(dir, "none.json")])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--known-defects .*none\.json: cannot read it/)
  }, 180_000)

  it("reconcile labels the reference text's §5.2 items only with the registry", async () => {
    const bare = await runCli(["reconcile", referencePath, ...DEPT])
    expect(bare.code).toBe(0)
    expect(labels(bare.stdout, "discrepancies")).toEqual([])
    const flagged = await runCli([
      "reconcile",
      referencePath,
      ...DEPT,
      "--known-defects",
      referenceKnownDefectsPath,
    ])
    expect(new Set(labels(flagged.stdout, "discrepancies"))).toEqual(
      new Set([1, 2, 3, 4, 5, 6, 7, 11, 12, 13]),
    )
  }, 180_000)

  it("import --dry-run labels the findings it plans with the flag, as check does; an import refuses it", async () => {
    const empty = ["--store", path.join(dir, "empty"), "--format", "json"] as const
    const dryLabels = (stdout: string): Array<number> =>
      (
        JSON.parse(stdout) as {
          streams: Array<{ checks: { findings: Array<{ knownDefect?: number }> } | null }>
        }
      ).streams
        .flatMap((s) => s.checks?.findings ?? [])
        .flatMap((f) => (f.knownDefect === undefined ? [] : [f.knownDefect]))
    const bare = await runCli(["import", fixturePath, "--dry-run", ...empty])
    expect(dryLabels(bare.stdout)).toEqual([])
    const flagged = await runCli([
      "import",
      fixturePath,
      "--dry-run",
      ...empty,
      "--known-defects",
      referenceKnownDefectsPath,
    ])
    expect(new Set(dryLabels(flagged.stdout))).toEqual(new Set([3, 7, 11]))
    const refused = await runCli([
      "import",
      fixturePath,
      "--store",
      path.join(dir, "empty"),
      "--known-defects",
      referenceKnownDefectsPath,
    ])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--known-defects labels the findings of --dry-run/)
  }, 180_000)
})
