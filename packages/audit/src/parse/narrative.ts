/**
 * The narrative (情况说明) sections 一…十二 of a published text, found by their headings in order,
 * with the performance-table blocks cut out of section 十; the 机构设置 unit list; the glossary.
 *
 * @module parse-narrative
 */
import type { GlossaryEntry, Section } from "../model/document.ts"
import { parseCount, SECTION_IDS } from "../util/numerals.ts"

const HEADING = /^([一二三四五六七八九十]{1,3})、\s*(.+)$/

/** Sections between `from` and `to`, skipping the line ranges in `cut`. @category parsing */
export const parseSections = (
  lines: ReadonlyArray<string>,
  from: number,
  to: number,
  cut: ReadonlyArray<[number, number]>,
): Section[] => {
  const out: Array<{ id: string; title: string; text: string[] }> = []
  for (let i = from; i < to; i++) {
    if (cut.some(([a, b]) => i >= a && i <= b)) continue
    const line = (lines[i] ?? "").trim()
    if (line === "") continue
    const m = HEADING.exec(line)
    const expected = SECTION_IDS[out.length]
    if (m !== null && expected !== undefined && m[1] === expected && !line.includes("\t"))
      out.push({ id: expected, title: (m[2] ?? "").trim(), text: [] })
    else out[out.length - 1]?.text.push(line)
  }
  return out.map((s) => ({ id: s.id, title: s.title, text: s.text.join("\n") }))
}

/** 机构设置: "有三个下属单位，分别为A、B、C" → the count and the names. @category parsing */
export const parseOverviewUnits = (
  lines: ReadonlyArray<string>,
): { names: string[]; count: number | undefined } | undefined => {
  const at = lines.findIndex(
    (l) => /^\s*[一二三四五六七八九十]+、\s*机构设置/.test(l) && !l.includes("\t") && !/\.{3,}/.test(l),
  )
  if (at < 0) return undefined
  const text = lines
    .slice(at + 1, at + 6)
    .filter((l) => !/^第[一二三四]部分/.test(l.trim()))
    .join("")
  const count = /(\d+|[一二两三四五六七八九十]{1,3})个(?:下属|所属)?(?:预算)?单位/.exec(text)?.[1]
  const list = /分别[为是][：:]?(.+?)(?:[。]|$)/.exec(text)?.[1]
  return {
    count: count === undefined ? undefined : parseCount(count),
    names:
      list === undefined
        ? []
        : list
            .split(/[、，,；;]/)
            .map((s) => s.trim())
            .filter((s) => s !== ""),
  }
}

/** The glossary (名词解释): "一、TERM：text", continued on following lines. @category parsing */
export const parseGlossary = (lines: ReadonlyArray<string>, from: number): GlossaryEntry[] => {
  const out: Array<{ term: string; text: string }> = []
  for (const raw of lines.slice(from)) {
    const line = raw.trim()
    if (line === "") continue
    const m = /^[一二三四五六七八九十]{1,3}、\s*([^：:]{1,30})[：:](.*)$/.exec(line)
    if (m !== null) out.push({ term: (m[1] ?? "").trim(), text: (m[2] ?? "").trim() })
    else {
      const last = out[out.length - 1]
      if (last !== undefined) last.text += line
    }
  }
  return out
}
