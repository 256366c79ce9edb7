import { unzipSync } from "fflate"
import { describe, expect, it } from "vitest"
import { renderCsvFiles, renderCsvZip } from "./csv.ts"
import { referenceDisclosure } from "./testing-fixtures/reference.ts"

const d = referenceDisclosure()

/** A small RFC 4180 reader: enough to prove the files parse back to the cells. */
const parseCsv = (text: string): ReadonlyArray<ReadonlyArray<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  const s = text.replace(/^\uFEFF/, "")
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && s[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else field += c
  }
  return rows
}

describe("CSV", () => {
  const files = renderCsvFiles(d)

  it("writes one file per table plus an index", () => {
    expect(files.map((f) => f.name)).toEqual([
      "index.csv",
      ...d.tables.map((t) => `table-${t.id.padStart(2, "0")}.csv`),
    ])
    const index = parseCsv(files[0]?.text ?? "")
    expect(index.slice(1).map((r) => r[2])).toEqual(d.tables.map((t) => t.title))
  })

  it("parses back to the header and cells of each table", () => {
    d.tables.forEach((t, i) => {
      expect(parseCsv(files[i + 1]?.text ?? "")).toEqual([...t.header, ...t.rows.map((r) => r.cells)])
    })
  })

  it("quotes fields with commas or quotes", () => {
    const first = d.tables[0]
    if (first === undefined) throw new Error("no table 1")
    const odd = { ...d, tables: [{ ...first, header: [['a,"b"', "c"]], rows: [] }] }
    expect(renderCsvFiles(odd)[1]?.text).toBe('\uFEFF"a,""b""",c\r\n')
  })

  it("zips the same files", () => {
    const unzipped = unzipSync(renderCsvZip(d))
    expect(Object.keys(unzipped)).toEqual(files.map((f) => f.name))
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(unzipped["table-01.csv"])).toBe(
      files[1]?.text,
    )
  })
})

describe("CSV formula injection", () => {
  const hostile = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "-", "=1,2"]
  const numbers = ["-12.34", "+5", "-1,234.50", "-3.5%", "0.00", "1578.10"]
  const table = d.tables[0]
  if (table === undefined) throw new Error("the reference disclosure has no tables")
  const row = table.rows[0]
  if (row === undefined) throw new Error("table 1 has no rows")
  const poisoned = {
    ...d,
    tables: [
      { ...table, rows: [{ ...row, cells: [...hostile, ...numbers] }, ...table.rows.slice(1)] },
      ...d.tables.slice(1),
    ],
  }
  const cells = parseCsv(renderCsvFiles(poisoned)[1]?.text ?? "")[table.header.length] ?? []

  it("prefixes text cells a spreadsheet would run as a formula with an apostrophe", () => {
    expect(cells.slice(0, hostile.length)).toEqual(hostile.map((h) => `'${h}`))
  })

  it("keeps signed amounts and percentages numeric, exactly as the table prints them", () => {
    expect(cells.slice(hostile.length)).toEqual(numbers)
  })
})
