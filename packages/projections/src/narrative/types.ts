/**
 * The shapes the narrative builder takes and gives: the `narrative` field of the
 * `budget-disclosure/v1` document. A section's `text` holds its paragraphs separated by "\n";
 * charts carry their data so every renderer draws the same figures.
 *
 * @module narrative/types
 */
import type { BudgetState, Taxonomy } from "@ledger/domain"
import { Schema } from "effect"

/** What the narrative is computed from: the folded stream, the fiscal year and its taxonomy. @category models */
export interface NarrativeInput {
  readonly state: BudgetState.BudgetState
  readonly year: number
  readonly taxonomy: Taxonomy.Taxonomy
}

/** One slice or bar of a chart: a label and a 万元 figure with two decimals. @category models */
export const ChartPoint = Schema.Struct({ label: Schema.String, value: Schema.String })
/** @category models */
export type ChartPoint = typeof ChartPoint.Type

/** A chart the published document draws under a section (structure pie, 三公 distribution bars). @category models */
export const NarrativeChart = Schema.Struct({
  id: Schema.String,
  title: Schema.String,
  kind: Schema.Literals(["pie", "bar"]),
  unit: Schema.Literal("万元"),
  series: Schema.Array(ChartPoint),
})
/** @category models */
export type NarrativeChart = typeof NarrativeChart.Type

/** One numbered section of 第三部分 情况说明, keyed by its numeral ("一" … "十二"). @category models */
export const NarrativeSection = Schema.Struct({
  id: Schema.String,
  title: Schema.String,
  text: Schema.String,
  charts: Schema.optionalKey(Schema.Array(NarrativeChart)),
})
/** @category models */
export type NarrativeSection = typeof NarrativeSection.Type

/** Names a section builder needs besides the state. @category models */
export interface SectionContext extends NarrativeInput {
  /** 部门名称 as the sentences name the department. */
  readonly department: string
  /** The year last year's budget figures belong to, when they were recorded. */
  readonly priorYear: number | undefined
}
