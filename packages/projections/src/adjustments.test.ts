/**
 * The current state (no as-of) reflects the two adjustments recorded after publication: the 追加
 * on 协同办公平台运维费 and the reclassification of part of 办公费 to 会议费. The test names each
 * changed cell with its published and current value, and checks nothing else moved.
 */
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { AsOf } from "./as-of.ts"
import { buildDisclosure } from "./disclosure.ts"
import type { Disclosure, DisclosureRow } from "./disclosure-schema.ts"
import { fixturePath, readNdjson } from "./testing/fixture.ts"
import { toLogged } from "./testing/logged.ts"

const build = (asOf: AsOf): Disclosure => {
  const r = buildDisclosure(toLogged(readNdjson(fixturePath)), asOf)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

type Diff = Record<string, ReadonlyArray<string>>

const keyOf = (r: DisclosureRow): string => `${r.kind ?? "row"}/${r.cells.find((c) => c !== "") ?? ""}`

/**
 * Every cell that differs, keyed "T<table>/<row kind>/<row label>/<column>" → [before, after];
 * rows only in `after` are "+T<table>/<kind>/<label>" → their cells, rows only in `before` "-…".
 */
const changedCells = (before: Disclosure, after: Disclosure): Diff => {
  const out: Record<string, ReadonlyArray<string>> = {}
  before.tables.forEach((ta, ti) => {
    const tb = after.tables[ti]
    if (tb === undefined) return
    const rowsA = new Map(ta.rows.map((r) => [keyOf(r), r.cells]))
    const rowsB = new Map(tb.rows.map((r) => [keyOf(r), r.cells]))
    for (const [k, a] of rowsA) {
      const b = rowsB.get(k)
      if (b === undefined) out[`-T${ta.id}/${k}`] = a
      else
        a.forEach((c, i) => {
          if (c !== b[i]) out[`T${ta.id}/${k}/${i}`] = [c, b[i] ?? ""]
        })
    }
    for (const [k, b] of rowsB) if (!rowsA.has(k)) out[`+T${tb.id}/${k}`] = b
  })
  return out
}

let published: Disclosure
let current: Disclosure
beforeAll(() => {
  published = build(AsOf.published)
  current = build(AsOf.current)
})

describe("current state after the later adjustments", () => {
  it("names every changed cell with its published and current value", () => {
    expect(changedCells(published, current)).toEqual({
      // 追加 of 30,000 元 on 协同办公平台运维费 (2010302, project, 一般公共预算, 屯财预〔2026〕38号):
      // +3.00 万元 on its project, unit, department, 项/款/类 and every total it is part of
      "T1/class/一、一般公共预算/1": ["540.73", "543.73"],
      "T1/class/一、一般公共预算/3": ["482.96", "485.96"],
      "T1/class/一、一般公共预算/4": ["458.19", "461.19"],
      "T1/total/本年收入合计/1": ["540.73", "543.73"],
      "T1/total/本年收入合计/3": ["565.51", "568.51"],
      "T1/total/本年收入合计/4": ["540.73", "543.73"],
      "T1/total/收入总计/1": ["565.51", "568.51"],
      "T1/total/收入总计/3": ["565.51", "568.51"],
      "T1/total/收入总计/4": ["540.73", "543.73"],
      "T2/total/合计/2": ["540.73", "543.73"],
      "T2/total/合计/3": ["540.73", "543.73"],
      "T2/class/201/2": ["458.19", "461.19"],
      "T2/class/201/3": ["458.19", "461.19"],
      "T2/kuan/20103/2": ["458.19", "461.19"],
      "T2/kuan/20103/3": ["458.19", "461.19"],
      "T2/xiang/2010302/2": ["63.60", "66.60"],
      "T2/xiang/2010302/3": ["63.60", "66.60"],
      "T3/total/合计/2": ["565.51", "568.51"],
      "T3/total/合计/4": ["223.60", "226.60"],
      "T3/class/201/2": ["482.96", "485.96"],
      "T3/class/201/4": ["222.60", "225.60"],
      "T3/kuan/20103/2": ["482.96", "485.96"],
      "T3/kuan/20103/4": ["222.60", "225.60"],
      "T3/xiang/2010302/2": ["85.30", "88.30"],
      "T3/xiang/2010302/4": ["85.30", "88.30"],
      "T4/class/一、一般公共预算/1": ["540.73", "543.73"],
      "T4/class/一、一般公共预算/3": ["482.96", "485.96"],
      "T4/class/一、一般公共预算/4": ["482.96", "485.96"],
      "T4/total/本年收入合计/1": ["540.73", "543.73"],
      "T4/total/本年收入合计/3": ["565.51", "568.51"],
      "T4/total/本年收入合计/4": ["565.51", "568.51"],
      "T4/total/收入总计/1": ["565.51", "568.51"],
      "T4/total/收入总计/3": ["565.51", "568.51"],
      "T4/total/收入总计/4": ["565.51", "568.51"],
      "T5/total/合计/2": ["540.73", "543.73"],
      "T5/total/合计/4": ["201.90", "204.90"],
      "T5/class/201/2": ["458.19", "461.19"],
      "T5/class/201/4": ["200.90", "203.90"],
      "T5/kuan/20103/2": ["458.19", "461.19"],
      "T5/kuan/20103/4": ["200.90", "203.90"],
      "T5/xiang/2010302/2": ["63.60", "66.60"],
      "T5/xiang/2010302/4": ["63.60", "66.60"],
      "T12/department/长治市屯留区人民政府办公室/1": ["201.90", "204.90"],
      "T12/department/长治市屯留区人民政府办公室/2": ["201.90", "204.90"],
      "T12/unit/长治市屯留区人民政府办公室/1": ["63.60", "66.60"],
      "T12/unit/长治市屯留区人民政府办公室/2": ["63.60", "66.60"],
      "T12/project/协同办公平台运维费/1": ["20.00", "23.00"],
      "T12/project/协同办公平台运维费/2": ["20.00", "23.00"],
      // reclassification of 20,000 元 of 办公费 (30201) to 会议费 (30215, 屯财预〔2026〕52号):
      // table 6 only; its totals do not move
      "T6/kuan/办公费/2": ["4.74", "2.74"],
      "T6/kuan/办公费/4": ["4.74", "2.74"],
      "+T6/kuan/会议费": ["会议费", "会议费", "2.00", "", "2.00"],
    })
  })

  it("places the new 会议费 row in code order and traces it to the reclassified line", () => {
    const t6 = current.tables.find((t) => t.id === "6")
    const labels = t6?.rows.map((r) => r.cells[0]) ?? []
    expect(labels.indexOf("会议费")).toBe(labels.indexOf("差旅费") + 1)
    const row = t6?.rows.find((r) => r.cells[0] === "会议费")
    expect(row?.codes).toEqual({ deptEconomic: "30215", govEconomic: "50202" })
    expect(row?.lineIds).toEqual(["002001-2010301-30215-c"])
  })

  it("stamps each document with the last event it includes", () => {
    expect(current.asOf.position).toBe(published.asOf.position + 3)
    expect(current.documentHash).not.toBe(published.documentHash)
  })
})
