/**
 * Years that link, through the real command line: import the reference department's 2025 and then
 * its 2026 into one embedded store; 2026 as published compares with the 2025 publication, and
 * `ledger trace` follows a 2026 上年结转 cell back to its 2025 line and 2025's 年终结转.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fixture2025Path, fixturePath } from "@ledger/projections/testing"
import { afterAll, describe, expect, it } from "vitest"
import { runCli } from "./testing/run-cli.ts"

const dir = mkdtempSync(path.join(tmpdir(), "ledger-cli-years-"))
const store = path.join(dir, "store")
const DY = ["--department", "002", "--year", "2026", "--store", store]
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Doc {
  readonly priorYearSource?: { readonly kind: string; readonly year: number }
  readonly tables: ReadonlyArray<{
    readonly id: string
    readonly rows: ReadonlyArray<{ readonly cellLines?: ReadonlyArray<ReadonlyArray<string> | null> }>
  }>
}

describe("ledger with 2025 and 2026 of the reference department", () => {
  it("derives 2026's prior year from the 2025 publication and traces a carryover cell to 2025", async () => {
    for (const file of [fixture2025Path, fixturePath])
      expect((await runCli(["import", file, "--store", store, "--quiet"])).code).toBe(0)
    const shown = await runCli(["disclosure", ...DY, "--as-of", "published", "--format", "json"])
    expect(shown.code).toBe(0)
    const doc = JSON.parse(shown.stdout) as Doc
    expect(doc.priorYearSource).toMatchObject({ kind: "publication", year: 2025 })
    const cell = doc.tables.flatMap((t) =>
      t.rows.flatMap((r, row) =>
        (r.cellLines ?? []).flatMap((ids, col) =>
          ids?.length === 1 && ids[0] === "002001-02-k2025" ? [`${t.id}/${row}/${col}`] : [],
        ),
      ),
    )[0]
    expect(cell).toBeDefined()
    const traced = await runCli([
      "trace",
      ...DY,
      "--as-of",
      "published",
      "--cell",
      cell ?? "",
      "--format",
      "txt",
    ])
    expect(traced.code).toBe(0)
    expect(traced.stdout).toContain("carried from 2025 line 002001-02-c")
    expect(traced.stdout).toContain("2025 YearEndClosed (event evt-002-2025-0060, 2025-12-31)")
  }, 300_000)
})
