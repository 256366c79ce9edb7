/**
 * The same acceptance run as the embedded-store e2e test, on real PostgreSQL through
 * `--database-url`: import the fixture into a scratch database, print the disclosure as published,
 * compare with the reference document, verify the chain. Runs with `LEDGER_INT_TESTS=1`.
 */
import { execFileSync } from "node:child_process"
import { fixturePath } from "@ledger/projections/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { disclosure, expectReferenceTables, type DisclosureJson } from "./testing/reference.ts"
import { runCli } from "./testing/run-cli.ts"

const admin = new URL(process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres")
const dbName = `ledger_cli_${process.pid}_${Date.now()}`
const url = new URL(admin)
url.pathname = `/${dbName}`

const psql = (sql: string, target: URL = admin) =>
  execFileSync("psql", [target.toString(), "-v", "ON_ERROR_STOP=1", "-qc", sql], { stdio: "pipe" })

beforeAll(() => psql(`CREATE DATABASE ${dbName}`))
afterAll(() => psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`))

describe("ledger on PostgreSQL (--database-url)", () => {
  it("imports the fixture and prints tables 1–3 and 5–13 as the reference document publishes them", async () => {
    const imported = await runCli(["import", fixturePath, "--database-url", url.toString(), "--quiet"])
    expect(imported.stderr).toBe("")
    expect(imported.code).toBe(0)
    const shown = await disclosure("published", ["--database-url", url.toString()])
    expect(shown.code).toBe(0)
    expectReferenceTables(JSON.parse(shown.stdout) as DisclosureJson)
  }, 180_000)

  it("re-import appends nothing and verify passes", async () => {
    const again = await runCli(["import", fixturePath, "--database-url", url.toString()])
    expect(again.stdout).toMatch(/ 0 appended/)
    const verified = await runCli(["verify", "--database-url", url.toString()])
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/^ok: /)
  }, 180_000)

  it("verify names the stream and position of an event modified behind the store's back", async () => {
    psql(
      `ALTER TABLE events DISABLE TRIGGER USER;
UPDATE events SET canonical = replace(canonical, '"delta":"30000.00"', '"delta":"90000.00"') WHERE type = 'AdjustmentRecorded';
ALTER TABLE events ENABLE TRIGGER USER;`,
      url,
    )
    const verified = await runCli(["verify", "--database-url", url.toString()])
    expect(verified.code).toBe(3)
    expect(verified.stderr).toMatch(/BROKEN: stream 002\/2026 at position \d+/)
  }, 180_000)

  it("refuses to print a disclosure or publish from the tampered history (exit 3), writing nothing", async () => {
    const count = () =>
      execFileSync("psql", [url.toString(), "-tAc", "SELECT count(*) FROM events"], { stdio: "pipe" })
        .toString()
        .trim()
    const before = count()
    for (const asOf of ["published", undefined]) {
      const shown = await disclosure(asOf, ["--database-url", url.toString()])
      expect(shown.code).toBe(3)
      expect(shown.stdout).toBe("")
      expect(shown.stderr).toMatch(/BROKEN HISTORY: history of stream 002\/2026 is broken at position \d+/)
    }
    const published = await runCli([
      "publish",
      "--department",
      "002",
      "--year",
      "2026",
      "--database-url",
      url.toString(),
    ])
    expect(published.code).toBe(3)
    expect(count()).toBe(before)
  }, 180_000)
})
