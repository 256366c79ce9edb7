/**
 * What text checkers look for in a narrative: template residue and placeholders (XX, ××, 待填写,
 * "下降(增长)"), years that do not belong to the budget, a change stated without a reason in a
 * section that must give one, figures without two decimals and 元 written where the template says 万元.
 *
 * @module r14-text
 */
import type { Finding } from "../model/finding.ts"
import { finding, type Rule } from "./context.ts"

/** Placeholders a finished document never contains. @category models */
export const PLACEHOLDER = /(?:[XxＸ]{2,}|[×＊*]{2,}|待填写|待补充|此处填写|某某)/

/** A left-in template alternative such as "下降(增长)" or "增加/减少". @category models */
const RESIDUE =
  /(?:增加|减少|增长|下降|持平)\s*(?:[（(]\s*(?:增加|减少|增长|下降|持平)\s*[)）]|[/／](?:增加|减少|增长|下降|持平))/

const around = (text: string, index: number) => text.slice(Math.max(0, index - 12), index + 16)

/** R14 text scan of every narrative section. @category rules */
export const r14Text: Rule = ({ doc }) => {
  const out: Finding[] = []
  const fy = doc.fiscalYear
  for (const s of doc.narrative) {
    const ph = PLACEHOLDER.exec(s.text)
    if (ph !== null)
      out.push(
        finding(
          "R14",
          "placeholder",
          { section: s.id },
          `placeholder "${ph[0]}" left in: …${around(s.text, ph.index)}…`,
          { actual: ph[0] },
        ),
      )
    for (const m of s.text.matchAll(new RegExp(RESIDUE, "g"))) {
      out.push(
        finding(
          "R14",
          "template-residue",
          { section: s.id },
          `template alternative "${m[0]}" left in: …${around(s.text, m.index ?? 0)}…`,
          { actual: m[0] },
        ),
      )
    }
    for (const m of s.text.matchAll(/(?<!\d)((?:19|20)\d{2})年/g)) {
      const y = Number(m[1])
      if (y !== fy && y !== fy - 1) {
        out.push(
          finding(
            "R14",
            "stale-year",
            { section: s.id },
            `year ${y} in a ${fy} budget's narrative: …${around(s.text, m.index ?? 0)}…`,
            { expected: `${fy} or ${fy - 1}`, actual: String(y), severity: "warning" },
          ),
        )
      }
    }
    if (
      s.title.includes("原因") &&
      /比(?:上年|\d{4}年)[^。；]*?(?:增加|减少)/.test(s.text) &&
      !/原因/.test(s.text)
    ) {
      out.push(
        finding(
          "R14",
          "change-without-reason",
          { section: s.id },
          `section ${s.id} states a change from last year but gives no reason (原因)`,
        ),
      )
    }
    for (const m of s.text.matchAll(/(?<![\d.])(\d+\.\d)万元/g)) {
      out.push(
        finding(
          "R14",
          "amount-format",
          { section: s.id, row: `${m[1]}万元` },
          `${m[1]}万元 is written with one decimal; figures carry two`,
          { actual: m[1], severity: "warning" },
        ),
      )
    }
    if (["一", "二", "三", "四", "五", "六", "七", "八", "九"].includes(s.id)) {
      for (const m of s.text.matchAll(/(\d[\d,]*(?:\.\d+)?)元/g)) {
        out.push(
          finding(
            "R14",
            "unit-slip",
            { section: s.id, row: `${m[1]}元` },
            `${m[1]}元 in a section written in 万元: a 元/万元 slip?`,
            { actual: `${m[1]}元`, severity: "warning" },
          ),
        )
      }
    }
  }
  return out
}
