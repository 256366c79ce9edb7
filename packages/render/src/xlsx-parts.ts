/**
 * The SpreadsheetML parts of an XLSX package, written by hand so the bytes are ours to keep
 * stable: inline strings (no shared-string table to order), one number style `0.00` for amounts,
 * a bold style for titles and headers, no document properties (they would carry a timestamp).
 *
 * @module xlsx-parts
 */
import { escapeXml } from "./escape.ts"

/** A cell: text, an amount (a decimal string written as a number), or nothing. @category models */
export type XlsxCell =
  | { readonly t: "text"; readonly v: string; readonly bold?: boolean }
  | { readonly t: "amount"; readonly v: string }
  | undefined

/** A worksheet: its name, rows of cells and column widths (in characters). @category models */
export interface XlsxSheet {
  readonly name: string
  readonly rows: ReadonlyArray<ReadonlyArray<XlsxCell>>
  readonly widths: ReadonlyArray<number>
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** Style ids of `styles.xml`. @category models */
const STYLE = { text: 0, amount: 1, bold: 2 } as const

/** "A", "B", … "Z", "AA", … for a zero-based column. @category rendering */
const columnName = (i: number): string => {
  let n = i + 1
  let s = ""
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

const cellXml = (c: XlsxCell, ref: string): string => {
  if (c === undefined) return ""
  if (c.t === "amount") return `<c r="${ref}" s="${STYLE.amount}"><v>${c.v}</v></c>`
  if (c.v === "") return ""
  const s = c.bold === true ? ` s="${STYLE.bold}"` : ""
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.v)}</t></is></c>`
}

/** `xl/worksheets/sheetN.xml`. @category rendering */
export const sheetXml = (sheet: XlsxSheet): string => {
  const cols =
    sheet.widths.length === 0
      ? ""
      : `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
  const rows = sheet.rows
    .map((r, y) => {
      const cells = r.map((c, x) => cellXml(c, `${columnName(x)}${y + 1}`)).join("")
      return cells === "" ? "" : `<row r="${y + 1}">${cells}</row>`
    })
    .join("")
  return `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">${cols}<sheetData>${rows}</sheetData></worksheet>`
}

/** `xl/styles.xml`: default, amount (`0.00`) and bold. @category rendering */
export const stylesXml = (): string =>
  `${HEAD}<styleSheet xmlns="${NS}">` +
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts>` +
  `<fonts count="2"><font><sz val="11"/><name val="Noto Sans CJK SC"/></font><font><b/><sz val="11"/><name val="Noto Sans CJK SC"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

/** `xl/workbook.xml`. @category rendering */
export const workbookXml = (names: ReadonlyArray<string>): string =>
  `${HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>` +
  names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
  `</sheets></workbook>`

/** `xl/_rels/workbook.xml.rels`. @category rendering */
export const workbookRelsXml = (count: number): string =>
  `${HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  Array.from(
    { length: count },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("") +
  `<Relationship Id="rId${count + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`

/** `_rels/.rels`. @category rendering */
export const rootRelsXml = (): string =>
  `${HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`

/** `[Content_Types].xml`. @category rendering */
export const contentTypesXml = (count: number): string =>
  `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  Array.from(
    { length: count },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("") +
  `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`
