/**
 * Golden test of sections 一 to 十一 against the reference document: every figure and percentage the
 * published text states is listed below, checked against the reference text itself at test time,
 * and must appear in the narrative built from the fixture's events as published — except where
 * domain.md §5.2 shows the published text is wrong (sections 四, 八 and 十).
 */
import { BudgetState, Envelope, Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { fixtureText, referenceText } from "../testing/fixture.ts"
import { buildNarrative } from "./build-narrative.ts"

const REFERENCE = referenceText()
const FIXTURE = fixtureText()

const events = FIXTURE.trim()
  .split("\n")
  .map((line) => Result.getOrThrow(Envelope.decodeEvent(JSON.parse(line))))
const published = events.slice(
  0,
  events.findIndex((e) => e.event.type === "DisclosurePublished"),
)
const taxonomy = Result.getOrThrow(Taxonomy.forYear(2026))
const narrative = buildNarrative({ state: BudgetState.fold(published), year: 2026, taxonomy })
const generated = (id: string): string => narrative.find((s) => s.id === id)?.text ?? ""

/** Sections 一 … 十一 of 第三部分 in the reference text, the performance tables cut off 十. */
const publishedSections = (() => {
  const part3 = REFERENCE.slice(
    REFERENCE.indexOf("第三部分 2026年度部门预算情况说明\n"),
    REFERENCE.indexOf("十二、其他说明\n\n（一）"),
  )
  const out = new Map<string, string>()
  const heads = [...part3.matchAll(/^([一二三四五六七八九十]+)、.*$/gmu)]
  heads.forEach((h, i) => {
    const body = part3.slice((h.index ?? 0) + h[0].length, heads[i + 1]?.index ?? part3.length)
    out.set(h[1] ?? "", body.split("(项目绩效目标表公开情况见附件)")[0] ?? "")
  })
  return out
})()

/** Every number in a text, written the same way (no thousands separators, two decimals). */
const figures = (text: string): Set<string> =>
  new Set(
    [...text.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)].map((m) => {
      const [int = "", frac = ""] = m[0].replaceAll(",", "").split(".")
      return `${int}.${frac.padEnd(2, "0")}`
    }),
  )
const norm = (xs: ReadonlyArray<string>): Set<string> => figures(xs.join(" "))

/** The figures each published section states, as printed (years, counts and list numbers included). */
const PUBLISHED: Record<string, ReadonlyArray<string>> = {
  一: ["2026", "565.51", "540.73", "24.77", "189.86", "25.13", "120"],
  二: ["2026", "565.51", "540.73", "95.62", "0", "24.77", "4.38"],
  三: ["2026", "565.51", "341.91", "60.46", "223.6", "39.54"],
  四: ["2026", "0"],
  五: [
    "2026",
    "540.73",
    "163.07",
    "23.17",
    "458.19",
    "84.74",
    "38.06",
    "7.04",
    "14.73",
    "2.72",
    "28.76",
    "5.32",
    "1.00",
    "0.18",
  ],
  六: ["2026", "338.83", "315.66", "23.17"],
  七: ["2026", "3.00", "2025", "0"],
  八: ["2026", "3", "23.17", "2025", "26.12", "2.95", "11.3"],
  九: ["2026", "0"],
  十: ["1", "2", "2026", "3", "201.9", "10", "201.90", "9", "104.10", "97.80", "100"],
  十一: ["1", "2", "3", "2025", "12", "31", "0", "395.02", "50", "100"],
}

/** What the ledger must state instead of the published figures where the publication is defective. */
const CORRECTED: Record<
  string,
  { readonly drop: ReadonlyArray<string>; readonly add: ReadonlyArray<string> }
> = {
  // §5.2 no. 1: table 4 holds the 财政拨款 = table 1 (财政专户 and 单位资金 are empty).
  四: { drop: [], add: ["565.51", "540.73", "24.77", "482.96", "38.06", "14.73", "28.76", "1.00"] },
  // §5.2 no. 5: 2.95 / 26.12 = 11.29%, with two decimals like every other percentage.
  八: { drop: ["11.3", "3"], add: ["11.29", "1"] },
  // §5.2 no. 2: 9 tables are printed (200.90 of 201.90 = 99.50%: 8 其他运转类 of 103.10, 1 特定目标类);
  // §5.2 no. 6: unit-wide targets cover the units' whole budget (565.51), not the project total.
  十: { drop: ["100"], add: ["565.51", "9", "200.90", "99.50", "8", "103.10"] },
}

describe("narrative golden test against the reference document", () => {
  it("lists exactly the figures the published sections state", () => {
    for (const [id, list] of Object.entries(PUBLISHED)) {
      expect([...figures(publishedSections.get(id) ?? "")].sort(), `section ${id}`).toEqual(
        [...norm(list)].sort(),
      )
    }
  })

  it.each(Object.keys(PUBLISHED))(
    "section %s states the published figures (corrected where defective)",
    (id) => {
      const fix = CORRECTED[id] ?? { drop: [], add: [] }
      const expected = norm([...(PUBLISHED[id] ?? []).filter((x) => !fix.drop.includes(x)), ...fix.add])
      expect([...figures(generated(id))].sort()).toEqual([...expected].sort())
    },
  )

  it("names every section with its published title, 一 to 十二", () => {
    for (const s of narrative) expect(REFERENCE, s.id).toContain(`${s.id}、${s.title}\n`)
    expect(narrative.map((s) => s.id)).toEqual([
      "一",
      "二",
      "三",
      "四",
      "五",
      "六",
      "七",
      "八",
      "九",
      "十",
      "十一",
      "十二",
    ])
  })

  it("section 四 states table 1's figures, which table 4 must equal (§5.2 no. 1)", () => {
    const t1 = REFERENCE.slice(
      REFERENCE.indexOf("2026年预算收支总表\n\n部门名称"),
      REFERENCE.indexOf("2026年预算收入总表\n\n部门名称"),
    )
    for (const x of CORRECTED["四"]?.add ?? []) expect(t1).toContain(x)
    expect(generated("四")).toContain("财政拨款收支总预算565.51万元")
    expect(generated("四")).not.toContain("支出包括：无")
  })

  it("section 八 reads as computed: 下降11.29%, no template placeholder", () => {
    expect(generated("八")).toContain("减少2.95万元，下降11.29%")
    expect(generated("八")).not.toContain("(增长)")
  })

  it("section 十 counts the performance tables the document actually prints", () => {
    const printed = REFERENCE.match(/项目支出绩效目标表/g)?.length ?? 0
    expect(printed).toBe(9)
    expect(generated("十")).toContain(
      `公开项目绩效目标${printed}个，涉及项目金额200.90万元，占部门(单位)项目支出总额的99.50%`,
    )
    expect(generated("十")).toContain("纳入绩效目标管理的二级项目10个，共计金额201.90万元")
  })

  it("quotes the reasons recorded as narrative notes", () => {
    const notes = BudgetState.fold(published).notes
    expect(generated("一")).toContain(`主要原因是${notes.get("income-change") ?? "?"}`)
    expect(generated("八")).toContain(`原因是${notes.get("operating-cost-change") ?? "?"}`)
  })
})
