/**
 * @ledger/projections — pure projections from budget events to the published disclosure: event
 * selection by as-of, line aggregation, the regional templates (their tables, narrative, forms and
 * reading order, in a registry) and the `budget-disclosure/v1` document.
 *
 * @module
 */
export type { LoggedEvent, LoggedEventMeta } from "./logged-event.ts"
export {
  AsOf,
  AsOfFromString,
  asOfProblem,
  AsOfText,
  AsOfValue,
  DISCLOSURE_TIME_ZONE,
  formatAsOf,
  InvalidAsOf,
  NotPublished,
  selectBy,
  selectEvents,
  type AsOfFields,
} from "./as-of.ts"
export {
  FISCAL,
  distinct,
  hasData,
  linesOf,
  select,
  total,
  type Line,
  type LineFilter,
  type Total,
} from "./ledger.ts"
export { makeContext, type TableContext } from "./context.ts"
export { EMPTY_NOTE, row, table } from "./row.ts"
export { WAN_BLANK_ZERO, WAN_ZERO, YUAN_GROUPED_BLANK_ZERO, type DisplayUnit } from "./display-unit.ts"
export { TEMPLATES, templateFor, templateOf, UnknownTemplate } from "./templates/registry.ts"
export type { Block, TableLayout, Template } from "./templates/types.ts"
export { ROUNDING_NOTE } from "./tables/table-01.ts"
export { dominantGovClass, govClassOf } from "./tables/economic-rows.ts"
export {
  table01,
  table02,
  table03,
  table04,
  table05,
  table06,
  table07,
  table08,
  table09,
  table10,
  table11,
  table12,
  table13,
} from "./tables/index.ts"
export {
  buildDisclosure,
  disclosureJson,
  foldLogged,
  projectDisclosure,
  replayLog,
  type DisclosureError,
  type Replayed,
} from "./disclosure.ts"
export {
  EmptySelection,
  MissingDepartmentProfile,
  NotABudgetStream,
  UnresolvedCodes,
} from "./disclosure-errors.ts"
export {
  AsOfStamp,
  Disclosure,
  DisclosureRow,
  DisclosureTable,
  NarrativeSection,
  RowCodes,
  RowKind,
} from "./disclosure-schema.ts"
export {
  buildNarrative,
  ChartPoint,
  NarrativeChart,
  toChineseNumeral,
  type NarrativeInput,
} from "./narrative/index.ts"
export {
  buildPerformanceTargets,
  FundsYuan,
  PerformanceTargetTable,
  PrintedFunds,
  PrintedIndicator,
} from "./performance/index.ts"
export { buildOverview, Overview } from "./overview/build-overview.ts"
export { glossaryFor, GlossaryEntry } from "./glossary/glossary.ts"
export { buildDocumentParts, type DocumentParts } from "./document-parts.ts"
export {
  CellChange,
  CellProvenance,
  ContributionView,
  diffDisclosures,
  DisclosureDiff,
  LineView,
  NoSuchCell,
  traceCell,
} from "./trace/index.ts"
export { type DisclosureOptions } from "./disclosure.ts"
export {
  PriorYearSource,
  priorYearFigures,
  withPriorYear,
  type PriorYearFigures,
  type PriorYearPublication,
} from "./years/prior-year.ts"
export { buildYearDisclosure, publicationAt, replayYear, type DepartmentYears } from "./years/ledger-years.ts"
export { OpenDataLine, openDataLines, openDataLinesAsOf } from "./open-data.ts"
