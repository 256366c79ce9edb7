/**
 * Golden test: the reference fixture, replayed as published, reproduces every figure-carrying row
 * of the published tables 1–3 and 5–13 cell for cell, in order; table 4 carries what the ledger
 * implies (rule R6) instead of the published empty table.
 */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { AsOf } from "./as-of.ts"
import { buildDisclosure } from "./disclosure.ts"
import type { Disclosure, DisclosureTable } from "./disclosure-schema.ts"
import { fixturePath, readNdjson, referencePath } from "./testing/fixture.ts"
import { toLogged } from "./testing/logged.ts"
import { figureRows, parsePublishedTables, toWidth, type PublishedTable } from "./testing/reference-parser.ts"

let published: ReadonlyArray<PublishedTable>
let doc: Disclosure

beforeAll(() => {
  published = parsePublishedTables(readFileSync(referencePath, "utf8"))
  const built = buildDisclosure(toLogged(readNdjson(fixturePath)), AsOf.published)
  if (Result.isFailure(built)) throw new Error(built.failure.message)
  doc = built.success
})

const tableOf = (id: string): DisclosureTable => {
  const t = doc.tables.find((x) => x.id === id)
  if (t === undefined) throw new Error(`no table ${id}`)
  return t
}
const printed = (t: DisclosureTable) =>
  t.rows.map((r) => r.cells).filter((c) => c.some((x) => /^\d+\.\d{2}$/.test(x)))

describe("golden: the reference document rebuilt from the fixture", () => {
  it("parses the 13 published tables", () => {
    expect(published.map((t) => t.title)).toEqual(doc.tables.map((t) => t.title))
  })

  for (const id of ["1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12", "13"]) {
    it(`table ${id}: every figure-carrying row matches the publication cell for cell`, () => {
      const ours = tableOf(id)
      const ref = published[Number(id) - 1]
      if (ref === undefined) throw new Error(`reference table ${id} missing`)
      const width = ours.header[0]?.length ?? 0
      const expected = figureRows(ref.rows).map((r) => toWidth(r, width))
      expect(expected.length > 0).toBe(!["7", "8", "9"].includes(id))
      expect(printed(ours).map((r) => toWidth(r, width))).toEqual(expected)
    })
  }

  it("table 1 prints all 30 classes with their ordinals, in the published order", () => {
    const ref = published[0]?.rows.map((r) => r[2] ?? "").filter((c) => /^[一二三四五六七八九十]+、/.test(c))
    const ours = tableOf("1")
      .rows.map((r) => r.cells[2] ?? "")
      .filter((c) => /^[一二三四五六七八九十]+、/.test(c))
    expect(ours).toHaveLength(30)
    expect(ours).toEqual(ref)
  })

  it("empty tables 7, 8 and 9 keep an empty 合计 row and say 本表无数据, as published", () => {
    for (const id of ["7", "8", "9"]) {
      const t = tableOf(id)
      expect(t.rows.map((r) => r.cells[0])).toEqual(["合计"])
      expect(t.notes).toEqual(published[Number(id) - 1]?.notes)
    }
  })

  it("table 1 carries the rounding note as published", () => {
    expect(tableOf("1").notes).toEqual(published[0]?.notes)
  })

  it("table 4 shows the ledger's 财政拨款 figures (R6), not the published empty table", () => {
    const t = tableOf("4")
    const byLabel = (label: string, col = 0) => t.rows.find((r) => r.cells[col] === label)?.cells
    expect(byLabel("一、一般公共预算")?.slice(0, 2)).toEqual(["一、一般公共预算", "540.73"])
    expect(byLabel("本年收入合计")).toEqual([
      "本年收入合计",
      "540.73",
      "本年支出合计",
      "565.51",
      "565.51",
      "",
      "",
    ])
    expect(byLabel("上年财政拨款结转")?.slice(0, 2)).toEqual(["上年财政拨款结转", "24.77"])
    expect(t.rows.filter((r) => r.cells[0] === "一、一般公共预算").map((r) => r.cells[1])).toEqual([
      "540.73",
      "24.77",
    ])
    expect(byLabel("收入总计")).toEqual(["收入总计", "565.51", "支出总计", "565.51", "565.51", "", ""])
    const classes = t.rows.filter((r) => r.kind === "class" && r.cells[3] !== "").map((r) => r.cells.slice(2))
    expect(classes).toEqual([
      ["一、一般公共服务支出", "482.96", "482.96", "", ""],
      ["八、社会保障和就业支出", "38.06", "38.06", "", ""],
      ["十、卫生健康支出", "14.73", "14.73", "", ""],
      ["二十、住房保障支出", "28.76", "28.76", "", ""],
      ["二十五、其他支出", "1.00", "1.00", "", ""],
    ])
    expect(t.notes).toEqual([])
    expect(published[3]?.notes).toEqual(["注：本表无数据"]) // the published defect this table corrects
  })

  it("every amount cell names the budget lines behind it", () => {
    for (const t of doc.tables)
      for (const r of t.rows)
        r.cells.forEach((c, i) => {
          if (/^\d+\.\d{2}$/.test(c)) expect(r.cellLines?.[i]?.length ?? 0).toBeGreaterThan(0)
        })
  })
})
