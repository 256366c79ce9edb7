/**
 * The Shanghai district template through the real command line: import the chengguan fixture into a
 * fresh embedded store, print the disclosure as published in text (the "done when"), and run
 * the auditor's rules with `ledger check` — the same result as `checkDisclosure` on the same events.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { checkDisclosure } from "@ledger/audit"
import { AsOf, replayLog } from "@ledger/projections"
import { readNdjson, shanghaiFixturePath, shanghaiReferencePath, toLogged } from "@ledger/projections/testing"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "./testing/run-cli.ts"

const dir = mkdtempSync(path.join(tmpdir(), "ledger-cli-sh-"))
const store = path.join(dir, "store")
const DEPT = ["--department", "PTCGZF", "--year", "2026", "--store", store] as const
const squash = (s: string) => s.replace(/\s+/g, "")

beforeAll(async () => {
  const imported = await runCli(["import", shanghaiFixturePath, "--store", store, "--quiet"])
  expect(imported.stderr).toBe("")
  expect(imported.code).toBe(0)
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("ledger with the shanghai-district-9 template", () => {
  it("disclosure --format txt prints the chengguan document's table titles, header and narrative", async () => {
    const r = await runCli(["disclosure", ...DEPT, "--as-of", "published", "--format", "txt"])
    expect(r.code).toBe(0)
    const published = squash(readFileSync(shanghaiReferencePath, "utf8"))
    const ours = r.stdout.split("\n").filter((l) => l.trim() !== "")
    expect(ours[0]).toBe("预算主管部门：普陀区城市管理行政执法局")
    for (const title of ours.filter((l) => /^2026年.*(表|情况)$/.test(l)))
      expect(published, title).toContain(squash(title))
    expect(r.stdout).toContain("编制部门：普陀区城市管理行政执法局")
    expect(r.stdout).toContain("单位：元")
  }, 120_000)

  it("check runs the Shanghai rule set as checkDisclosure does on the same events: no finding, exit 0", async () => {
    const r = await runCli(["check", ...DEPT, "--as-of", "published"])
    const built = replayLog(toLogged(readNdjson(shanghaiFixturePath)), AsOf.published)
    if (Result.isFailure(built)) throw new Error(built.failure.message)
    const direct = checkDisclosure(built.success.disclosure, built.success.state)
    const printed = JSON.parse(r.stdout) as ReturnType<typeof checkDisclosure>
    expect(printed.passed).toEqual(direct.passed)
    expect(printed.findings.map((f) => [f.rule, f.message])).toEqual(
      direct.findings.map((f) => [f.rule, f.message]),
    )
    expect(printed.findings).toEqual([])
    expect(printed.passed).toContain("R14")
    expect(r.code).toBe(0)
  }, 120_000)

  it("check --format txt ends with the passed rules and the count; a bad --format is a usage error", async () => {
    const r = await runCli(["check", ...DEPT, "--format", "txt"])
    expect(r.stdout).toMatch(/passed: (R\d+ ?)*\n\d+ findings\n$/)
    const bad = await runCli(["check", ...DEPT, "--format", "pdf"])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("--format must be json or txt")
  }, 120_000)

  it("reconcile of the published chengguan text against the ledger reports nothing", async () => {
    const r = await runCli(["reconcile", shanghaiReferencePath, ...DEPT])
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ discrepancies: [] })
  }, 120_000)
})
