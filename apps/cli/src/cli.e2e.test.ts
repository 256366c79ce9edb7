/**
 * The "done when": import the reference fixture into a fresh embedded store and print the
 * disclosure as published — through the real command line — and compare it with the published
 * document, read at test time. Also: re-import appends nothing, a bad file writes nothing and names
 * its line, and `verify` passes on an untouched store.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fixturePath, referenceKnownDefectsPath } from "@ledger/projections/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { disclosure, expectReferenceTables, hashOf, type DisclosureJson } from "./testing/reference.ts"
import { runCli } from "./testing/run-cli.ts"

const dir = mkdtempSync(path.join(tmpdir(), "ledger-cli-"))
const store = path.join(dir, "store")

let published: DisclosureJson
beforeAll(async () => {
  const imported = await runCli(["import", fixturePath, "--store", store, "--quiet"])
  expect(imported.stderr).toBe("")
  expect(imported.code).toBe(0)
  const shown = await disclosure("published", ["--store", store], ["--format", "json"])
  expect(shown.code).toBe(0)
  published = JSON.parse(shown.stdout) as DisclosureJson
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("ledger import + disclosure on the embedded store", () => {
  it("prints tables 1–3 and 5–13 exactly as the reference document publishes them", () => {
    expectReferenceTables(published)
  })

  it("re-importing the same file appends nothing", async () => {
    const again = await runCli(["import", fixturePath, "--store", store])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/ 0 appended, \d+ already stored/)
  }, 120_000)

  it("the same events give the byte-identical document (same documentHash)", async () => {
    const again = await disclosure("published", ["--store", store])
    expect(hashOf(again)).toBe(published.documentHash)
  }, 120_000)

  it("a file with one bad line is refused whole, naming the line and the field", async () => {
    const lines = readFileSync(fixturePath, "utf8").trimEnd().split("\n")
    const bad = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    const fresh = path.join(dir, "bad-store")
    // Line 40: an amount with three decimals; every other line is valid.
    const target = bad.findIndex((e) => e["type"] === "AppropriationRecorded")
    const line = bad[target] as { data: { line: { amount: string } } }
    line.data.line.amount = "1000.123"
    const file = path.join(dir, "bad.ndjson")
    writeFileSync(file, bad.map((e) => JSON.stringify(e)).join("\n") + "\n")
    const result = await runCli(["import", file, "--store", fresh])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`line ${target + 1}: data.line.amount`)
    const after = await runCli(["export", "--store", fresh])
    expect(after.stdout).toBe("")
  }, 120_000)

  it("verify passes on an untouched store", async () => {
    const v = await runCli(["verify", "--store", store])
    expect(v.stdout).toMatch(/^ok: \d+ events in 1 streams verified/)
    expect(v.code).toBe(0)
  }, 120_000)

  it("usage mistakes exit 2 with help", async () => {
    const r = await runCli(["disclosure", "--year", "2026", "--store", store])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("--department CODE is required")
  }, 60_000)

  it("renders the whole document as printable HTML with both charts", async () => {
    const out = path.join(dir, "d.html")
    const r = await disclosure("published", ["--store", store], ["--format", "html", "--out", out])
    expect(r.code).toBe(0)
    const html = readFileSync(out, "utf8")
    expect(html).toContain("@page")
    expect(html).toContain("第三部分")
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(2)
  }, 120_000)

  it("writes the open data (a Fiscal Data Package) and, with Chromium, the PDF of the same document", async () => {
    const fdp = path.join(dir, "d.fdp.zip")
    const r = await disclosure("published", ["--store", store], ["--format", "fdp", "--out", fdp])
    expect(r.code).toBe(0)
    const zip = readFileSync(fdp)
    expect(zip.subarray(0, 2).toString("latin1")).toBe("PK")
    expect(zip.toString("latin1")).toContain("datapackage.json")
    const lines = await disclosure("published", ["--store", store], ["--format", "ndjson"])
    const rows = lines.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { documentHash: string })
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.every((row) => row.documentHash === published.documentHash)).toBe(true)
    if (!existsSync("/usr/bin/chromium")) return
    const pdf = path.join(dir, "d.pdf")
    const p = await disclosure("published", ["--store", store], ["--format", "pdf", "--out", pdf])
    expect(p.code).toBe(0)
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-")
  }, 180_000)

  it("publish seals the current state; after more adjustments, as-published is the identical document", async () => {
    const publish = [
      "publish",
      "--department",
      "002",
      "--year",
      "2026",
      "--date",
      "2026-03-01",
      "--store",
      store,
    ]
    // The reference's §5.2 defects block unless a registry acknowledges them: none is assumed.
    const refused = await runCli(publish)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/PublishRefused/)
    const badRegistry = path.join(dir, "bad-registry.json")
    writeFileSync(
      badRegistry,
      JSON.stringify({ schema: "known-defects/v1", documents: [{ fiscalYear: 2026 }] }),
    )
    const bad = await runCli([...publish, "--known-defects", badRegistry])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--known-defects .*bad-registry\.json: .*documents\.0\.departmentName/)
    const sealed = await runCli([...publish, "--known-defects", referenceKnownDefectsPath])
    expect(sealed.code).toBe(0)
    const seal = JSON.parse(sealed.stdout) as { documentHash: string; streamVersion: number }
    const right = await disclosure("published", ["--store", store])
    expect(hashOf(right)).toBe(seal.documentHash)

    const later = {
      stream: { department: "002", year: 2026 },
      type: "AdjustmentRecorded",
      schemaVersion: 1,
      occurredAt: "2026-09-01",
      actor: "e2e",
      idempotencyKey: "e2e/adjustment/after-publication",
      data: {
        adjustmentId: "E2E-1",
        reason: "e2e: a later 追加",
        documentNumber: "e2e〔2026〕1号",
        change: { kind: "amount", lineId: "002001-02-c", delta: "1000.00" },
      },
    }
    const file = path.join(dir, "later.ndjson")
    writeFileSync(file, JSON.stringify(later) + "\n")
    expect((await runCli(["import", file, "--store", store])).code).toBe(0)

    const asPublished = await disclosure("published", ["--store", store])
    expect(hashOf(asPublished)).toBe(seal.documentHash)
    const current = await disclosure(undefined, ["--store", store])
    expect(hashOf(current)).not.toBe(seal.documentHash)
  }, 300_000)

  it("keys create prints a scoped key once; a writer without a department is a usage error", async () => {
    const created = await runCli([
      "keys",
      "create",
      "--role",
      "writer",
      "--department",
      "002",
      "--store",
      store,
    ])
    expect(created.code).toBe(0)
    const key = JSON.parse(created.stdout) as {
      role: string
      departments: string[]
      secret: string
      keyId: string
    }
    expect(key).toMatchObject({ role: "writer", departments: ["002"] })
    expect(key.secret).toMatch(/^blk_/)
    const listed = await runCli(["keys", "list", "--store", store])
    expect(listed.stdout).toContain(key.keyId)
    expect(listed.stdout).not.toContain(key.secret)
    const bad = await runCli(["keys", "create", "--role", "writer", "--store", store])
    expect(bad.code).toBe(2)
  }, 180_000)
})
