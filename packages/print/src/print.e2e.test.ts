/**
 * The reference disclosure printed by real headless Chromium, read back with poppler's
 * `pdftotext`, `pdfinfo` and `pdffonts`: every table title and a sample of figures are in the text,
 * pages are A4 and numbered, the CJK fonts are embedded and the metadata names the document hash.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AsOf, buildDisclosure } from "@ledger/projections"
import { fixturePath, readNdjson, toLogged } from "@ledger/projections/testing"
import { Effect, Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_CHROMIUM, printDisclosure } from "./chromium.ts"

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? DEFAULT_CHROMIUM
const has = (tool: string): boolean => {
  try {
    execFileSync(tool, ["-v"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}
const ready = existsSync(CHROMIUM) && has("pdftotext")
const squash = (s: string): string => s.replace(/\s+/g, "")

describe.skipIf(!ready)("the published reference disclosure as PDF", () => {
  const doc = Result.getOrThrow(buildDisclosure(toLogged(readNdjson(fixturePath)), AsOf.published))
  let dir = ""
  let file = ""
  let text = ""
  const pages: Array<string> = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ledger-pdf-"))
    file = join(dir, "d.pdf")
    writeFileSync(file, await Effect.runPromise(printDisclosure(doc, { executablePath: CHROMIUM })))
    text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
    pages.push(...text.split("\f").filter((p) => p.trim() !== ""))
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("contains every table title and a sample of figures", () => {
    const flat = squash(text)
    for (const t of doc.tables) expect(flat, t.title).toContain(squash(t.title))
    for (const figure of ["565.51", "540.73", "24.77", "3.00", "23.17"]) expect(flat).toContain(figure)
    expect(flat).toContain(squash(doc.narrative[0]?.title ?? "missing"))
  })

  it("is A4, numbered 第 n 页 / 共 m 页 on every page", () => {
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" })
    const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    expect(count).toBeGreaterThan(5)
    expect(info).toMatch(/Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/)
    expect(pages.length).toBe(count)
    pages.forEach((p, i) => expect(squash(p)).toContain(`第${i + 1}页/共${count}页`))
  })

  it("repeats a table's header rows on the next page when the table breaks across pages", () => {
    const table = doc.tables.find((t) => t.id === "6") ?? doc.tables[0]
    const header = squash((table?.header[0] ?? []).filter((c) => c !== "").join(""))
    const withHeader = pages.filter((p) => squash(p).includes(header.slice(0, 6)))
    expect(header.length).toBeGreaterThan(3)
    expect(withHeader.length).toBeGreaterThan(1)
  })

  it("embeds the CJK fonts and names the source document's hash in its metadata", () => {
    // Chromium embeds the Noto CJK glyphs it used (as Type 3 fonts for the CFF collection) with a
    // ToUnicode map, so every font is embedded and the Chinese text extracts (the titles above).
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2)
    const rows = fonts.filter((l) => l.trim() !== "")
    expect(rows.length).toBeGreaterThan(0)
    for (const l of rows) expect(l).toMatch(/\s(yes)\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/)
    expect(text).toMatch(/[\u4e00-\u9fff]{4}/)
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" })
    expect(info).toContain(`documentHash ${doc.documentHash}`)
    expect(info).toContain(`${doc.department.name} ${doc.fiscalYear}年度部门预算公开`)
  })
})
