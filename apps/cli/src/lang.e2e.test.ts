/**
 * `--lang zh` through the real command line: `ledger check` and `ledger reconcile` word every finding
 * in Chinese for officials — the same findings, structure unchanged — and English stays the default.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fixturePath, referencePath } from "@ledger/projections/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "./testing/run-cli.ts"

const dir = mkdtempSync(path.join(tmpdir(), "ledger-cli-lang-"))
const store = path.join(dir, "store")
const DEPT = ["--department", "002", "--year", "2026", "--store", store] as const

interface Finding {
  rule: string
  check: string
  message: string
}

beforeAll(async () => {
  const imported = await runCli(["import", fixturePath, "--store", store, "--quiet"])
  expect(imported.code).toBe(0)
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("--lang", () => {
  it("check --lang zh: the same findings, each worded in Chinese; en is the default", async () => {
    const en = JSON.parse((await runCli(["check", ...DEPT])).stdout) as { findings: Array<Finding> }
    const zh = JSON.parse((await runCli(["check", ...DEPT, "--lang", "zh"])).stdout) as {
      findings: Array<Finding>
    }
    expect(en.findings.length).toBeGreaterThan(0)
    expect(zh.findings.map((f) => [f.rule, f.check])).toEqual(en.findings.map((f) => [f.rule, f.check]))
    for (const f of zh.findings) expect(f.message).toMatch(/^(错误|提示)（R\d+ /)
    const bad = await runCli(["check", ...DEPT, "--lang", "fr"])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("--lang must be zh or en")
  }, 120_000)

  it("reconcile --lang zh names the ledger's and the document's values in Chinese", async () => {
    const r = await runCli(["reconcile", referencePath, ...DEPT, "--lang", "zh"])
    expect(r.code).toBe(0)
    const { discrepancies } = JSON.parse(r.stdout) as { discrepancies: Array<{ message: string }> }
    expect(discrepancies.length).toBeGreaterThan(0)
    for (const d of discrepancies) expect(d.message).toMatch(/账本为 .*，文档为 /)
  }, 120_000)
})
