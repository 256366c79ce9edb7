/**
 * Parses the text of a published Shanghai district disclosure (`shanghai-district-9`): the cover
 * ("上海市普陀区2026年区级部门预算", "预算主管部门：…"), the department of the tables' `编制部门：`
 * line, the nine tables as printed lines and the narrative sections 部门预算编制说明 and
 * 其他相关情况说明. A PDF's text does not keep a blank cell's column, so a table row stays one
 * line (whitespace removed); reconcile compares it with the ledger's row printed the same way.
 *
 * @module parse/shanghai
 */
import { templateOf } from "@ledger/projections"
import { Result } from "effect"
import type { AuditDocument, Section, Table } from "../model/document.ts"
import { contentLines, isTocLine } from "./lines.ts"
import { UnreadableDocument } from "./unreadable.ts"

const squash = (s: string): string => s.replace(/\s+/g, "")
const COVER = /^(?:上海市\S*?)?(\d{4})年区级部门预算$/
const FIGURE = /\d{1,3}(?:,\d{3})+|\d\.\d{2}|^\d{3}(?:\D|$)/

/** True when the text has a Shanghai district cover. @category parsing */
export const isShanghaiText = (text: string): boolean =>
  text.split("\n").some((l) => COVER.test(squash(l)) || /^预算主管部门[：:]/.test(l.trim()))

/** Body lines: squashed, no page markers, no blank lines, no contents entries. */
const bodyLines = (text: string): string[] =>
  contentLines(text)
    .filter((l) => !/^=====/.test(l.trim()) && !isTocLine(l))
    .map(squash)
    .filter((l) => l !== "")

/** One table's block: rows after the header (repeated page headers skipped), and its notes. */
const tableOf = (id: string, title: string, block: ReadonlyArray<string>): Table => {
  const start = block.findIndex((l) => FIGURE.test(l) || l === "合计")
  const header = new Set(block.slice(0, start < 0 ? block.length : start))
  const body = start < 0 ? [] : block.slice(start).filter((l) => !header.has(l) && !/^编制部门[：:]/.test(l))
  return {
    id,
    title,
    header: [...header].map((h) => [h]),
    rows: body.filter((l) => !l.startsWith("注：")).map((l) => ({ cells: [l] })),
    notes: body.filter((l) => l.startsWith("注：")),
  }
}

/** A narrative section from its heading to the first of `ends`. */
const section = (lines: ReadonlyArray<string>, id: string, heading: string, ends: ReadonlyArray<string>) => {
  const at = lines.indexOf(heading)
  if (at < 0) return []
  const rest = lines.slice(at + 1)
  const end = rest.findIndex((l) => ends.includes(l))
  const text = (end < 0 ? rest : rest.slice(0, end)).join("")
  return [{ id, title: heading, text } satisfies Section]
}

/** Parses a Shanghai district disclosure's text. @category parsing */
export const parseShanghaiText = (text: string): Result.Result<AuditDocument, UnreadableDocument> => {
  const lines = bodyLines(text)
  const year = lines.map((l) => COVER.exec(l)?.[1]).find((y) => y !== undefined)
  if (year === undefined)
    return Result.fail(
      new UnreadableDocument({ field: "fiscalYear", message: 'no "YYYY年区级部门预算" cover line' }),
    )
  const departmentName = lines
    .map((l) => /^编制部门[：:](.+?)单位[：:]/.exec(l)?.[1])
    .find((d) => d !== undefined)
  if (departmentName === undefined)
    return Result.fail(
      new UnreadableDocument({ field: "departmentName", message: 'no "编制部门：" line above a table' }),
    )
  const layouts = templateOf("shanghai-district-9").tables
  const titles = layouts.map((t) => `${year}年${t.title}`)
  const starts = titles.map((t) => lines.indexOf(t))
  const otherAt = lines.indexOf("其他相关情况说明")
  const tables = new Map<string, Table>()
  layouts.forEach((t, i) => {
    const at = starts[i] ?? -1
    if (at < 0) return
    const next = [...starts.filter((s) => s > at), otherAt > at ? otherAt : lines.length]
    tables.set(t.id, tableOf(t.id, titles[i] ?? t.title, lines.slice(at + 1, Math.min(...next))))
  })
  if (tables.size === 0)
    return Result.fail(
      new UnreadableDocument({
        field: "tables",
        message: "no table title of the Shanghai template was found",
      }),
    )
  const firstTable = Math.min(...starts.filter((s) => s >= 0))
  return Result.succeed({
    template: "shanghai-district-9",
    fiscalYear: Number(year),
    departmentName,
    tables,
    narrative: [
      ...section(lines.slice(0, firstTable), "四", `${year}年部门预算编制说明`, []),
      ...section(lines, "六", "其他相关情况说明", ["项目经费情况说明"]),
    ],
    performance: undefined,
    overviewUnits: undefined,
    glossary: [],
  })
}
