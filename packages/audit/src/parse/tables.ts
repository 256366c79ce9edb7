/**
 * Tables of a published text: each found by its title (year + template title), its header skipped up
 * to the template's last header line, then rows of tab-separated cells until the next title — page
 * breaks, blank lines and headers repeated on a new page are skipped; "注：" lines become notes.
 *
 * @module parse-tables
 */
import type { Row, Table } from "../model/document.ts"
import { TABLES } from "../tables/template.ts"
import { cellsOf, isTocLine } from "./lines.ts"

/** The last header line of each table, by the template. @category parsing */
const HEADER_END: Readonly<Record<string, RegExp>> = {
  "1": /上年结转安排/,
  "2": /^科目编码/,
  "3": /^科目编码/,
  "4": /小计/,
  "5": /^科目编码/,
  "6": /人员经费/,
  "7": /^收入科目编码/,
  "8": /^科目编码/,
  "9": /^收入科目编码/,
  "10": /合计\s+一般公共预算/,
  "11": /合计\s+一般公共预算/,
  "12": /^1\s+2\s+3/,
  "13": /^1\s+2\s+3/,
}

const FURNITURE = /^(部门名称[：:]|单位[：:]|预算公开表\s*\d+$)/

/** Where each table's title line is: index of the line, table id and the year printed in it. @category parsing */
const findTitles = (
  lines: ReadonlyArray<string>,
): Array<{ index: number; id: string; title: string; year: number | undefined }> => {
  const out: Array<{ index: number; id: string; title: string; year: number | undefined }> = []
  lines.forEach((line, index) => {
    const t = line.trim()
    if (t === "" || isTocLine(line) || line.includes("\t")) return
    for (const spec of TABLES) {
      const m = /^(?:(\d{4})年?)?(.+)$/.exec(t)
      if (m !== null && m[2] === spec.title && !out.some((o) => o.id === spec.id)) {
        out.push({ index, id: spec.id, title: t, year: m[1] === undefined ? undefined : Number(m[1]) })
      }
    }
  })
  return out.sort((a, b) => a.index - b.index)
}

/** Parses one table's body lines (between its title and the next boundary). @category parsing */
const parseTable = (id: string, title: string, body: ReadonlyArray<string>): Table => {
  const width = TABLES.find((t) => t.id === id)?.columns.length ?? 0
  const end = HEADER_END[id]
  const header: string[][] = []
  const rows: Row[] = []
  const notes: string[] = []
  const headerLines = new Set<string>()
  const headerEndAt = body.findIndex((l) => end !== undefined && end.test(l.trim()))
  body.forEach((line, i) => {
    const t = line.trim()
    if (t === "") return
    if (/^注[：:]/.test(t)) return void notes.push(t)
    if (FURNITURE.test(t)) return
    if (i <= headerEndAt) {
      header.push(cellsOf(line))
      headerLines.add(t)
      return
    }
    if (headerLines.has(t) || (end !== undefined && end.test(t))) return // header repeated after a page break
    const cells = cellsOf(line)
    while (cells.length > width && cells[cells.length - 1] === "") cells.pop()
    while (cells.length < width) cells.push("")
    rows.push({ cells })
  })
  return { id, title, header, rows, notes }
}

/** All tables of the text, keyed by id; `stop` is the index where the table part ends. @category parsing */
export const parseTables = (lines: ReadonlyArray<string>, stop: number): Map<string, Table> => {
  const titles = findTitles(lines).filter((t) => t.index < stop)
  const out = new Map<string, Table>()
  titles.forEach((t, k) => {
    const next = titles[k + 1]?.index ?? stop
    out.set(t.id, parseTable(t.id, t.title, lines.slice(t.index + 1, next)))
  })
  return out
}
