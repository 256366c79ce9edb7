/**
 * A Shanghai district document in every format keeps its own layout: the nine titles, the
 * `编制部门：… 单位：元` captions, the 类/款/项 columns, the 申报表; and in XLSX every 元 amount cell
 * is a number with two decimals (style `0.00`) while blank and label cells are text — read back
 * from the workbook's XML, cell by cell.
 */
import { AsOf, replayLog } from "@ledger/projections"
import { readNdjson, shanghaiFixturePath, toLogged } from "@ledger/projections/testing"
import { Result } from "effect"
import { unzipSync } from "fflate"
import { describe, expect, it } from "vitest"
import { renderCsvFiles } from "./csv.ts"
import { renderHtml } from "./html.ts"
import { renderXlsx } from "./xlsx.ts"

const replayed = replayLog(toLogged(readNdjson(shanghaiFixturePath)), AsOf.published)
if (Result.isFailure(replayed)) throw new Error(replayed.failure.message)
const d = replayed.success.disclosure

/** Cells of a sheet as { value, amount } by row, from SpreadsheetML. */
const readSheet = (xml: string) => {
  const rows: Array<Array<{ value: string; amount: boolean } | undefined>> = []
  for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"((?: [a-z]+="[^"]*")*)(?:\/>|>(.*?)<\/c>)/g)) {
    const [, col = "A", row = "1", attrs = "", inner = ""] = m
    const value = /<(?:v|t)[^>]*>(.*?)<\/(?:v|t)>/.exec(inner)?.[1] ?? ""
    ;(rows[Number(row) - 1] ??= [])[col.charCodeAt(0) - 65] = { value, amount: /s="1"/.test(attrs) }
  }
  return rows
}

describe("a shanghai-district-9 document rendered", () => {
  it("HTML: the nine titles, 编制部门 captions in 元, 类/款/项 headers and the 申报表", () => {
    const html = renderHtml(d)
    for (const t of d.tables) expect(html).toContain(`<caption>${t.title}<div class="meta">`)
    expect(html.match(/编制部门：普陀区城市管理行政执法局/g)).toHaveLength(9)
    expect(html.match(/单位：元/g)).toHaveLength(8)
    expect(html).toContain("单位：万元")
    expect(html).toContain("<th>类</th><th>款</th><th>项</th>")
    expect(html).toContain("财政项目支出绩效目标申报表")
    expect(html).toContain("<td>10,308,000.00</td>")
    expect(html).not.toContain("部门名称：")
  })

  it("CSV: each table's header rows and cells as printed, 元 with separators", () => {
    const files = renderCsvFiles(d)
    expect(files[0]?.text).toContain("table-01.csv,1,2026年部门财务收支预算总表,普陀区城市管理行政执法局,元,")
    const t2 = files.find((f) => f.name === "table-02.csv")?.text ?? ""
    expect(t2).toContain("类,款,项")
    expect(t2).toContain('208,05,01,行政单位离退休,"2,614,680","2,614,680",,,')
  })

  it("XLSX: every 元 and 万元 amount is a number with two decimals; blanks and labels are text", () => {
    const files = unzipSync(renderXlsx(d))
    d.tables.forEach((t, n) => {
      const sheet = readSheet(new TextDecoder().decode(files[`xl/worksheets/sheet${n + 1}.xml`]))
      expect(sheet[0]?.[0]?.value).toBe(t.title)
      expect(sheet[1]?.[0]?.value).toBe("编制部门：普陀区城市管理行政执法局")
      expect(sheet[2]?.[0]?.value).toBe(`单位：${t.unit}`)
      const start = 3 + t.header.length
      t.rows.forEach((r, y) =>
        r.cells.forEach((c, x) => {
          const got = sheet[start + y]?.[x]
          const isFigure = /^[\d,]+(\.\d{2})?$/.test(c) && (r.cellLines?.[x] ?? null) !== null
          if (isFigure) {
            const plain = c.replace(/,/g, "")
            expect(got, `表${t.id} ${y}/${x}`).toEqual({
              value: plain.includes(".") ? plain : `${plain}.00`,
              amount: true,
            })
          } else expect(got?.amount ?? false, `表${t.id} ${y}/${x} "${c}"`).toBe(false)
        }),
      )
    })
  })
})
