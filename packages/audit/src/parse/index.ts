/**
 * Parses a published disclosure — text extracted from its PDF, in the layout of the Shanxi county
 * template or (see `shanghai.ts`) the Shanghai district one — into the document the rules read; a
 * text of another layout is refused as such. Robust to page breaks, watermarks, blank lines and
 * headers repeated on new pages; fails with a tagged error naming what could not be found.
 *
 * @module parse
 */
import { Result } from "effect"
import type { AuditDocument } from "../model/document.ts"
import { contentLines, isTocLine } from "./lines.ts"
import { parseGlossary, parseOverviewUnits, parseSections } from "./narrative.ts"
import { findBlocks, parseBlock } from "./performance.ts"
import { isShanghaiText, parseShanghaiText } from "./shanghai.ts"
import { parseTables } from "./tables.ts"
import { UnreadableDocument } from "./unreadable.ts"

export { UnreadableDocument } from "./unreadable.ts"

const lastHeading = (lines: ReadonlyArray<string>, re: RegExp): number => {
  for (let i = lines.length - 1; i >= 0; i--)
    if (re.test((lines[i] ?? "").trim()) && !isTocLine(lines[i] ?? "")) return i
  return -1
}

/** Parses the text of a published disclosure. @category parsing */
export const parsePublishedText = (text: string): Result.Result<AuditDocument, UnreadableDocument> => {
  if (isShanghaiText(text)) return parseShanghaiText(text)
  if (!/\d{4}年度?部门预算/.test(text) && !/部门名称[：:]/.test(text))
    return Result.fail(
      new UnreadableDocument({
        field: "layout",
        message:
          'unknown layout: neither a Shanxi county disclosure ("YYYY年度部门预算公开", "部门名称：") nor a Shanghai district one ("YYYY年区级部门预算", "预算主管部门：", "编制部门：")',
      }),
    )
  const lines = contentLines(text)
  const coverAt = lines.findIndex((l) => /^\s*\d{4}年度?部门预算公开\s*$/.test(l))
  const yearText = /(\d{4})/.exec(lines[coverAt] ?? "")?.[1] ?? /(\d{4})年度部门预算/.exec(text)?.[1]
  if (yearText === undefined)
    return Result.fail(
      new UnreadableDocument({ field: "fiscalYear", message: 'no "YYYY年度部门预算公开" cover line' }),
    )
  let departmentName = ""
  for (let i = coverAt - 1; i >= 0 && departmentName === ""; i--) departmentName = (lines[i] ?? "").trim()
  if (departmentName === "") departmentName = /部门名称[：:]\s*(\S+)/.exec(text)?.[1] ?? ""
  if (departmentName === "")
    return Result.fail(
      new UnreadableDocument({
        field: "departmentName",
        message: "no department name on the cover or in a table header",
      }),
    )
  const part3 = lastHeading(lines, /^第三部分/)
  const part4 = lastHeading(lines, /^第四部分/)
  const narrativeEnd = part4 < 0 ? lines.length : part4
  const tables = parseTables(lines, part3 < 0 ? lines.length : part3)
  if (tables.size === 0)
    return Result.fail(
      new UnreadableDocument({ field: "tables", message: "no table title of the template was found" }),
    )
  const blocks = part3 < 0 ? [] : findBlocks(lines, part3, narrativeEnd)
  const overview = parseOverviewUnits(lines.slice(0, part3 < 0 ? lines.length : part3))
  return Result.succeed({
    fiscalYear: Number(yearText),
    departmentName,
    tables,
    narrative: part3 < 0 ? [] : parseSections(lines, part3 + 1, narrativeEnd, blocks),
    performance: blocks.map(([a, b]) => parseBlock(lines.slice(a, b + 1))),
    overviewUnits: overview,
    glossary: part4 < 0 ? [] : parseGlossary(lines, part4 + 1),
  })
}
