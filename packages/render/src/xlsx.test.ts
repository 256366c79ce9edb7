/**
 * Reads the workbook back the way a spreadsheet program would: unzip, parse each sheet's XML,
 * rebuild the grid and compare it cell for cell with the document. LibreOffice, an independent
 * reader, must also open the file and convert it (skipped only outside CI when it is missing).
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { unzipSync } from "fflate"
import { templateOf } from "@ledger/projections"
import { describe, expect, it } from "vitest"
import { referenceDisclosure } from "./testing-fixtures/reference.ts"
import { isAmountCell, renderXlsx, tableSheetPreamble } from "./xlsx.ts"

const d = referenceDisclosure()
const files = unzipSync(renderXlsx(d))
const xml = (name: string): string => new TextDecoder().decode(files[name])

interface ReadCell {
  readonly value: string
  readonly style: string | undefined
  readonly type: string | undefined
}
const decodeXml = (s: string): string =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "",
  )
const colIndex = (letters: string): number =>
  [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1

/** The sheet as a grid of cells (row → column → cell), parsed from SpreadsheetML. */
const readSheet = (n: number): ReadonlyArray<ReadonlyArray<ReadCell | undefined>> => {
  const grid: Array<Array<ReadCell | undefined>> = []
  for (const m of xml(`xl/worksheets/sheet${n}.xml`).matchAll(
    /<c r="([A-Z]+)(\d+)"((?: [a-z]+="[^"]*")*)>(.*?)<\/c>/g,
  )) {
    const [, col = "", row = "", attrs = "", inner = ""] = m
    const style = /s="(\d+)"/.exec(attrs)?.[1]
    const type = /t="(\w+)"/.exec(attrs)?.[1]
    const value = decodeXml(/<(?:v|t)[^>]*>(.*?)<\/(?:v|t)>/.exec(inner)?.[1] ?? "")
    const r = (grid[Number(row) - 1] ??= [])
    r[colIndex(col)] = { value, style, type }
  }
  return grid
}
const sheetNames = [...xml("xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) =>
  decodeXml(m[1] ?? ""),
)

/** RFC 4180 CSV (quotes, doubled quotes, newlines in quotes) into rows of cells. */
const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? ""
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (!quoted && (ch === "," || ch === "\n")) {
      row.push(cell)
      cell = ""
      if (ch === "\n") {
        rows.push(row)
        row = []
      }
    } else if (quoted || ch !== "\r") {
      cell += ch
    }
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell])
  return rows
}

describe("renderXlsx", () => {
  it("has one sheet per table, then the narrative, performance targets, overview and glossary", () => {
    expect(sheetNames).toEqual([
      ...d.tables.map((t) => `表${t.id}`),
      "情况说明",
      "绩效目标表",
      "概况",
      "名词解释",
    ])
    expect(xml("[Content_Types].xml")).toContain(`/xl/worksheets/sheet${sheetNames.length}.xml`)
  })

  it.each(d.tables.map((t, i) => [t.id, i] as const))("table %s reads back cell for cell", (_, i) => {
    const t = d.tables[i]
    if (t === undefined) throw new Error("no table")
    const grid = readSheet(i + 1)
    expect(grid[0]?.[0]?.value).toBe(t.title)
    expect(grid[1]?.[0]?.value).toBe(`部门名称：${d.department.name}`)
    expect(grid[2]?.[0]?.value).toBe("单位：万元")
    t.header.forEach((h, y) => h.forEach((c, x) => expect(grid[3 + y]?.[x]?.value ?? "").toBe(c)))
    const start = tableSheetPreamble(t, d.department.name, templateOf(d.template).departmentLabel)
    t.rows.forEach((r, y) =>
      r.cells.forEach((c, x) => {
        const got = grid[start + y]?.[x]
        expect(got?.value ?? "", `row ${y} col ${x}`).toBe(c)
        if (isAmountCell(r, x)) expect(got).toEqual({ value: c, style: "1", type: undefined })
        else if (c !== "") expect(got?.type).toBe("inlineStr")
      }),
    )
    t.notes.forEach((n, k) => expect(grid[start + t.rows.length + k]?.[0]?.value).toBe(n))
  })

  it("writes amounts as numbers with the two-decimal format", () => {
    expect(xml("xl/styles.xml")).toContain('<numFmt numFmtId="164" formatCode="0.00"/>')
    expect(xml("xl/styles.xml")).toMatch(/<cellXfs count="3"><xf [^>]*\/><xf numFmtId="164"/)
    expect(xml("xl/worksheets/sheet1.xml")).toContain('<c r="B6" s="1"><v>540.73</v></c>')
  })

  it("carries the narrative and every performance table", () => {
    const narrative = readSheet(d.tables.length + 1).map((r) => r[0]?.value ?? "")
    for (const s of d.narrative) expect(narrative).toContain(`${s.id}、${s.title}`)
    expect(narrative).toContain(d.narrative.find((s) => s.id === "八")?.text)
    const targets = readSheet(d.tables.length + 2)
      .map((r) => r.map((c) => c?.value ?? "").join("\t"))
      .join("\n")
    for (const t of d.performanceTargets) {
      expect(targets).toContain(`项目名称\t${t.projectName}`)
      expect(targets).toContain(`填报日期:\t${t.filledAt}`)
    }
  })

  const soffice = ["soffice", "libreoffice"].find((bin) => {
    try {
      execFileSync("which", [bin], { stdio: "ignore" })
      return true
    } catch {
      return false
    }
  })

  /* `pnpm test:all` installs LibreOffice (scripts/test-all.mjs), so in CI the oracle must be there. */
  const required = process.env["CI"] !== undefined && process.env["CI"] !== ""

  it.skipIf(soffice === undefined && !required)(
    "LibreOffice opens it and reads every table back cell for cell",
    () => {
      expect(soffice, "LibreOffice (soffice) must be installed in CI: scripts/test-all.mjs").toBeDefined()
      const dir = mkdtempSync(path.join(tmpdir(), "ledger-xlsx-"))
      const file = path.join(dir, "disclosure.xlsx")
      writeFileSync(file, renderXlsx(d))
      // CSV of every sheet (token 12 = -1), UTF-8 (76), cells as shown (token 9), one file per sheet.
      execFileSync(
        soffice ?? "soffice",
        [
          "--headless",
          "--convert-to",
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
          "--outdir",
          dir,
          file,
        ],
        { stdio: "ignore", timeout: 180_000, env: { ...process.env, HOME: dir } },
      )
      d.tables.forEach((t) => {
        const csv = readFileSync(path.join(dir, `disclosure-表${t.id}.csv`), "utf8")
        const grid = parseCsv(csv)
        expect(grid[0]?.[0]).toBe(t.title)
        const start = tableSheetPreamble(t, d.department.name, templateOf(d.template).departmentLabel)
        t.rows.forEach((r, y) =>
          r.cells.forEach((c, x) =>
            expect(grid[start + y]?.[x] ?? "", `表${t.id} row ${y} col ${x}`).toBe(c),
          ),
        )
      })
      expect(readdirSync(dir).filter((f) => f.endsWith(".csv"))).toHaveLength(sheetNames.length)
    },
    240_000,
  )
})
