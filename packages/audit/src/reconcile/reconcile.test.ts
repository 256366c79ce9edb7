/**
 * Golden reconcile: the published reference document against the ledger (fixture) reports domain.md
 * §5.2 items 1–5 and nothing outside §5.2; a cell changed in the published text is reported at its
 * place with both values; a figure written in 元 where 万元 is meant is called a unit slip.
 */
import { Schema } from "effect"
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { type Discrepancy, ReconcileResult, reconcile } from "../index.ts"
import type { DisclosureInput } from "../model/document.ts"
import { derivedReference, referenceKnownDefects, referenceText } from "../testing-fixtures/reference.ts"

/** The reference document's acknowledged §5.2 items, as the CLI and the API are given them. */
const knownDefects = referenceKnownDefects()
import type { BudgetState } from "@ledger/domain"

let disclosure: DisclosureInput
let state: BudgetState.BudgetState
let text: string

beforeAll(() => {
  const r = derivedReference()
  disclosure = r.disclosure
  state = r.state
  text = referenceText()
})

const run = (publishedText: string, withLedger = true): ReadonlyArray<Discrepancy> => {
  const r = reconcile(
    withLedger ? { publishedText, disclosure, state, knownDefects } : { publishedText, knownDefects },
  )
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success.discrepancies
}

/** Replaces cell `col` of the first line after `title` whose first cell matches `first`. */
const editCell = (
  src: string,
  title: string,
  first: RegExp,
  col: number,
  value: (old: string) => string,
): string => {
  const lines = src.split("\n")
  const start = lines.findIndex((l) => l.trim().endsWith(title) && !l.includes("."))
  const at = lines.findIndex((l, i) => i > start && first.test(l.split("\t")[0] ?? ""))
  const cells = (lines[at] ?? "").split("\t")
  cells[col] = value(cells[col] ?? "")
  lines[at] = cells.join("\t")
  return lines.join("\n")
}

describe("reconcile the reference document against the fixture", () => {
  it("reports §5.2 items 1–5, each at least once", () => {
    const items = new Set(run(text).map((d) => d.knownDefect))
    for (const i of [1, 2, 3, 4, 5]) expect(items.has(i), `item ${i}`).toBe(true)
  })

  it("reports nothing outside §5.2", () => {
    const outside = run(text).filter(
      (d) => d.knownDefect === undefined || d.knownDefect < 1 || d.knownDefect > 15,
    )
    expect(outside).toEqual([])
  })

  it("names the places the brief lists: table 4, section 四, section 十, three 填报日期, section 八", () => {
    const ds = run(text)
    const at = (item: number) => ds.filter((d) => d.knownDefect === item).map((d) => d.place)
    expect(at(1)).toContain("表4")
    expect(at(1).some((p) => p.startsWith("情况说明/四"))).toBe(true)
    expect(at(2)).toContain("情况说明/十/公开项目绩效目标")
    expect(ds.filter((d) => d.check === "filled-after-year-start")).toHaveLength(3)
    expect(at(5)).toEqual(expect.arrayContaining(["情况说明/八", "情况说明/八/比上年变动率"]))
    const ten = ds.find((d) => d.place === "情况说明/十/公开项目绩效目标")
    expect([ten?.published, ten?.ledger]).toEqual(["10", "9"])
  })

  it("without a ledger, the document's own inconsistencies still give items 1–5", () => {
    const items = new Set(run(text, false).map((d) => d.knownDefect))
    expect([1, 2, 3, 4, 5].every((i) => items.has(i))).toBe(true)
  })

  it("the result is the JSON contract (decodes with the published schema)", () => {
    const r = reconcile({ publishedText: text, disclosure, state, knownDefects })
    const json: unknown = JSON.parse(JSON.stringify(Result.getOrThrow(r)))
    expect(Result.isSuccess(Schema.decodeUnknownResult(ReconcileResult)(json))).toBe(true)
  })
})

describe("reconcile finds what was changed", () => {
  it("a T2 leaf cell: reported at 表2/<code name>/一般公共预算 with both values, not a known defect", () => {
    const changed = editCell(text, "预算收入总表", /^\d{7}$/, 3, () => "999.99")
    const news = run(changed).filter((d) => d.knownDefect === undefined)
    const cell = news.find((d) => d.check === "cell")
    expect(cell?.place).toMatch(/^表2\/\d{7} .+\/一般公共预算$/)
    expect(cell?.published).toBe("999.99")
    expect(cell?.ledger).toMatch(/^\d+\.\d{2}$/)
    expect(news.some((d) => d.rule === "R4")).toBe(true) // the published hierarchy breaks too
  })

  it("a figure printed in 元 instead of 万元 is a unit slip", () => {
    const changed = editCell(text, "预算支出总表", /^\d{7}$/, 2, (old) =>
      (Number(old.replace(".", "")) * 100).toFixed(2),
    )
    const slip = run(changed).find((d) => d.check === "unit-slip")
    expect(slip?.place).toMatch(/^表3\//)
  })

  it("a tail difference of 0.01 万元 (尾差) is not a finding", () => {
    const changed = editCell(text, "预算支出总表", /^\d{7}$/, 2, (old) => (Number(old) + 0.01).toFixed(2))
    const news = run(changed).filter((d) => d.knownDefect === undefined)
    expect(news.filter((d) => d.check === "cell")).toEqual([])
  })

  it("a text of no known layout is refused as such", () => {
    const r = reconcile({ publishedText: "hello" })
    expect(Result.isFailure(r) && r.failure._tag).toBe("UnreadableDocument")
    expect(Result.isFailure(r) && r.failure.field).toBe("layout")
    expect(Result.isFailure(r) && r.failure.message).toMatch(
      /^unknown layout: neither a Shanxi county .* nor a Shanghai district one/,
    )
  })
})
