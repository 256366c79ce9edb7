/**
 * The document the rules read: a disclosure reduced to what a reader of the published PDF sees —
 * tables as rows of cells, narrative sections, performance tables, the 机构设置 and the glossary.
 * A derived `budget-disclosure/v1` document and a parsed published text both become this shape, so
 * one set of rules audits either, and reconcile can compare the two cell by cell.
 *
 * @module document
 */
import { Schema } from "effect"

/** A table row: its cells as printed (万元 strings, "" for blank), and codes when the source knows them. @category models */
export interface Row {
  readonly cells: ReadonlyArray<string>
  readonly codes?: Readonly<Record<string, string>> | undefined
}

/** One of the 13 tables. @category models */
export interface Table {
  readonly id: string
  readonly title: string
  readonly header: ReadonlyArray<ReadonlyArray<string>>
  readonly rows: ReadonlyArray<Row>
  readonly notes: ReadonlyArray<string>
}

/** A narrative (情况说明) section "一".."十二" with its text. @category models */
export interface Section {
  readonly id: string
  readonly title: string
  readonly text: string
}

/** An indicator line of a 绩效目标表: 二级指标, 三级指标 and value, for the period and for the year. @category models */
export interface Indicator {
  readonly level2: string
  readonly name: string
  readonly value: string
  readonly annualName: string
  readonly annualValue: string
}

/** Funds of a 绩效目标表 in 元 as printed digits without separators ("400000"); "" when blank. @category models */
export interface Funds {
  readonly total: string
  readonly central: string
  readonly provincial: string
  readonly local: string
  readonly selfRaised: string
  readonly other: string
}

/** One printed 绩效目标表. @category models */
export interface PerformanceTable {
  readonly projectName: string
  readonly unitName: string
  /** 项目属性 as printed (e.g. 一次性项目(1年结束)) or the ledger's life. */
  readonly life: string
  readonly oneOff: boolean
  readonly periodYears: number | undefined
  readonly implementationFunds: Funds
  readonly annualFunds: Funds
  readonly basis: string
  readonly indicators: ReadonlyArray<Indicator>
  /** 填报日期, YYYYMMDDhhmmss. */
  readonly filledAt: string
}

/** A glossary (名词解释) entry. @category models */
export interface GlossaryEntry {
  readonly term: string
  readonly text: string
}

/** The document every rule reads. @category models */
export interface AuditDocument {
  /** The template id the document was laid out with; it selects the rule set (undefined: Shanxi county). */
  readonly template?: string | undefined
  readonly fiscalYear: number
  readonly departmentName: string
  readonly tables: ReadonlyMap<string, Table>
  readonly narrative: ReadonlyArray<Section>
  /** Printed performance tables; undefined when the source has none to show (rules skip them). */
  readonly performance: ReadonlyArray<PerformanceTable> | undefined
  /** Unit names from 机构设置, and the count it states (may differ from the list). */
  readonly overviewUnits:
    { readonly names: ReadonlyArray<string>; readonly count: number | undefined } | undefined
  readonly glossary: ReadonlyArray<GlossaryEntry>
}

const Cells = Schema.Array(Schema.String)

/**
 * The part of the `budget-disclosure/v1` contract the auditor reads, decoded at the boundary; any
 * other field of the document is ignored.
 * @category models
 */
export const DisclosureInput = Schema.Struct({
  template: Schema.optionalKey(Schema.String),
  fiscalYear: Schema.Int,
  department: Schema.Struct({ code: Schema.String, name: Schema.String }),
  tables: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      title: Schema.String,
      header: Schema.optionalKey(Schema.Array(Cells)),
      rows: Schema.Array(
        Schema.Struct({
          cells: Cells,
          codes: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
        }),
      ),
      notes: Schema.optionalKey(Schema.Array(Schema.String)),
    }),
  ),
  narrative: Schema.optionalKey(
    Schema.Array(Schema.Struct({ id: Schema.String, title: Schema.String, text: Schema.String })),
  ),
  glossary: Schema.optionalKey(Schema.Array(Schema.Unknown)),
})
/** @category models */
export type DisclosureInput = typeof DisclosureInput.Type
