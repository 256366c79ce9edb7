/**
 * The `budget-disclosure/v1` document as Effect Schemas: the public JSON contract of a disclosure
 * (design README §4.1). The API publishes these schemas in OpenAPI and consumers decode with them,
 * so the types below are derived from the schemas and never written twice.
 *
 * @module disclosure-schema
 */
import { Codes } from "@ledger/domain"
import { Schema } from "effect"
import { GlossaryEntry } from "./glossary/glossary.ts"
import { NarrativeSection } from "./narrative/types.ts"
import { Overview } from "./overview/build-overview.ts"
import { PerformanceTargetTable } from "./performance/schema.ts"
import { PriorYearSource } from "./years/prior-year.ts"

/** What a row stands for, so renderers and auditors need not guess from its text. @category models */
export const RowKind = Schema.Literals([
  "total", // 合计 / 本年收入合计 / 收入总计 …
  "class", // 类 (function or economic)
  "kuan", // 款
  "xiang", // 项
  "item", // a fixed template row (income source, 三公 item …)
  "department",
  "unit",
  "project",
  "column-numbers",
])
/** @category models */
export type RowKind = typeof RowKind.Type

/** Machine fields of a row: the codes behind its text. @category models */
export const RowCodes = Schema.Record(Schema.String, Schema.String)

/**
 * One printed row. `cells` is exactly what the publication shows left to right; amounts are in
 * the table's `unit` as its template prints them, `""` where the cell is blank (zero). `lineIds` are the budget lines
 * behind the row's figures, `cellLines[i]` those behind cell i (`null` for a text cell).
 * @category models
 */
export const DisclosureRow = Schema.Struct({
  cells: Schema.Array(Schema.String),
  kind: Schema.optionalKey(RowKind),
  codes: Schema.optionalKey(RowCodes),
  lineIds: Schema.optionalKey(Schema.Array(Schema.String)),
  cellLines: Schema.optionalKey(Schema.Array(Schema.NullOr(Schema.Array(Schema.String)))),
})
/** @category models */
export type DisclosureRow = typeof DisclosureRow.Type

/** One table of the document's template; `unit` is what its amount cells are printed in. @category models */
export const DisclosureTable = Schema.Struct({
  id: Schema.String,
  title: Schema.String,
  unit: Schema.Literals(["万元", "元"]),
  header: Schema.Array(Schema.Array(Schema.String)),
  rows: Schema.Array(DisclosureRow),
  notes: Schema.Array(Schema.String),
})
/** @category models */
export type DisclosureTable = typeof DisclosureTable.Type

/** Which state of the log the document shows: the last event it includes. @category models */
export const AsOfStamp = Schema.Struct({
  version: Schema.Int,
  position: Schema.Int,
  recordedAt: Schema.String,
  headHash: Schema.String,
})
/** @category models */
export type AsOfStamp = typeof AsOfStamp.Type

/** A narrative section (情况说明), with its charts; built by `narrative/`. @category models */
export { NarrativeSection }

/** The complete disclosure document. @category models */
export const Disclosure = Schema.Struct({
  schema: Schema.Literal("budget-disclosure/v1"),
  department: Schema.Struct({ code: Schema.String, name: Schema.String }),
  fiscalYear: Schema.Int,
  template: Codes.TemplateId,
  asOf: AsOfStamp,
  /** Where the narrative's prior-year figures came from; absent when it compares with nothing. */
  priorYearSource: Schema.optionalKey(PriorYearSource),
  documentHash: Schema.String,
  tables: Schema.Array(DisclosureTable),
  narrative: Schema.Array(NarrativeSection),
  performanceTargets: Schema.Array(PerformanceTargetTable),
  overview: Overview,
  glossary: Schema.Array(GlossaryEntry),
})
/** @category models */
export type Disclosure = typeof Disclosure.Type
