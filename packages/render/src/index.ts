/**
 * @ledger/render — a `budget-disclosure/v1` document as JSON, HTML, text, CSV and XLSX. Pure and
 * deterministic: the same document always renders to the same bytes.
 *
 * @module
 */
export {
  Format,
  FORMAT_NAMES,
  FORMATS,
  parseFormat,
  render,
  UnknownFormat,
  type FormatSpec,
  type Rendered,
} from "./render.ts"
export { renderHtml } from "./html.ts"
export { renderTxt } from "./txt.ts"
export { csvFileName, renderCsvFiles, renderCsvZip, type CsvFile } from "./csv.ts"
export { renderXlsx, workbookSheets } from "./xlsx.ts"
export { chartSvg } from "./svg-charts.ts"
export { budgetLinesCsv, fdpDescriptor, renderFdp, renderLinesNdjson } from "./fdp.ts"
