/**
 * Reconciling the published chengguan text (fixtures/reference-documents) with the ledger derived
 * from the Shanghai fixture: the parser reads the cover, `编制部门：`, the nine tables and the
 * narrative; nothing is reported; a changed figure in a table or a sentence is.
 */
import { readFileSync } from "node:fs"
import { AsOf, replayLog } from "@ledger/projections"
import { readNdjson, shanghaiFixturePath, shanghaiReferencePath, toLogged } from "@ledger/projections/testing"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { parsePublishedText } from "../parse/index.ts"
import { reconcile } from "./index.ts"

const text = readFileSync(shanghaiReferencePath, "utf8")
const replayed = replayLog(toLogged(readNdjson(shanghaiFixturePath)), AsOf.published)
if (Result.isFailure(replayed)) throw new Error(replayed.failure.message)
const { disclosure, state } = replayed.success
const run = (t: string) => {
  const r = reconcile({ publishedText: t, disclosure, state })
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success.discrepancies
}

describe("reconcile of a Shanghai district document", () => {
  it("reads the Shanghai cover, the 编制部门 line, the nine tables and the narrative", () => {
    const parsed = parsePublishedText(text)
    if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
    const doc = parsed.success
    expect(doc).toMatchObject({
      template: "shanghai-district-9",
      fiscalYear: 2026,
      departmentName: "普陀区城市管理行政执法局",
    })
    expect([...doc.tables.keys()]).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"])
    expect(doc.tables.get("6")?.notes).toEqual(["注：本年度无政府性基金预算支出，故本表无数据"])
    expect(doc.narrative.map((s) => s.id)).toEqual(["四", "六"])
  })

  it("the chengguan text against its fixture: no finding at all", () => {
    expect(run(text)).toEqual([])
  })

  it("a changed table figure and a changed narrative figure are reported where they are", () => {
    const changed = text.replace("302 17 公务接待费 4,600 4,600", "302 17 公务接待费 4,700 4,700")
    expect(run(changed).map((d) => [d.rule, d.place])).toEqual([["R8", "表8/30217公务接待费"]])
    const sentence = text.replace("公务接待费0.46万元", "公务接待费0.56万元")
    expect(run(sentence).map((d) => [d.rule, d.check])).toEqual([["R14", "sh-narrative-figure"]])
  })
})
