/** `ledger taxonomy`: the listing in text and JSON, in process (no store is opened). */
import { describe, expect, it } from "vitest"
import { UsageError } from "../args.ts"
import { taxonomyCommand } from "./taxonomy.ts"

const capture = async (argv: ReadonlyArray<string>) => {
  let stdout = ""
  let stderr = ""
  const code = await taxonomyCommand(argv, {
    env: {},
    cwd: "/nonexistent",
    stdout: { write: (c: string | Uint8Array) => (stdout += String(c)) },
    stderr: { write: (c: string | Uint8Array) => (stderr += String(c)) },
  })
  return { code, stdout, stderr }
}

describe("ledger taxonomy", () => {
  it("prints the latest year's codes as text by default, indented by level", async () => {
    const r = await capture([])
    expect(r.code).toBe(0)
    const held = (await capture(["--year", "2019"])).stderr.match(/\d{4}/g)?.filter((y) => y !== "2019") ?? []
    const latest = Math.max(...held.map(Number))
    expect(r.stdout).toMatch(new RegExp(`^《${latest}年政府收支分类科目》 as budget-ledger holds it`))
    expect(r.stdout).toMatch(/^213 农林水支出/m)
    expect(r.stdout).toMatch(/^ {4}2130122 农业生产发展 {2}\? {2}\[heping-2024-17\]$/m)
  })

  it("--format json prints the listing the API serves", async () => {
    const r = await capture(["--year", "2026", "--format", "json"])
    const listing = JSON.parse(r.stdout) as { year: number; function: Array<{ code: string }> }
    expect(listing.year).toBe(2026)
    expect(listing.function.map((e) => e.code)).toContain("2130101")
  })

  it("a year it does not hold exits 1 naming the years it holds; a bad flag is a usage error", async () => {
    const r = await capture(["--year", "2019"])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/holds [^\n]*2026/)
    await expect(capture(["--format", "xml"])).rejects.toBeInstanceOf(UsageError)
  })
})
