/**
 * @ledger/render — a `budget-disclosure/v1` document as JSON, HTML, text, CSV, XLSX and open data (a Fiscal Data Package, NDJSON of the lines); PDF is printed from the HTML by `@ledger/print`. Pure and
 * deterministic: the same document always renders to the same bytes.
 *
 * @module
 */
export {
  Format,
  FORMAT_NAMES,
  FORMATS,
  isPrinted,
  parseFormat,
  render,
  UnknownFormat,
  type FormatSpec,
  type LinesFormat,
  type PrintedFormat,
  type RenderedFormat,
  type RenderInput,
  type Rendered,
} from "./render.ts"
export { renderHtml } from "./html.ts"
export { renderTxt } from "./txt.ts"
export { csvFileName, renderCsvFiles, renderCsvZip, type CsvFile } from "./csv.ts"
export { renderXlsx, workbookSheets } from "./xlsx.ts"
export { chartSvg } from "./svg-charts.ts"
export { budgetLinesCsv, fdpDescriptor, renderFdp, renderLinesNdjson } from "./fdp.ts"
