/**
 * The shapes the narrative builder takes and gives: the `narrative` field of the
 * `budget-disclosure/v1` document. A section's `text` holds its paragraphs separated by "\n";
 * charts carry their data so every renderer draws the same figures.
 *
 * @module narrative/types
 */
import type { BudgetState, Taxonomy } from "@ledger/domain"

/** What the narrative is computed from: the folded stream, the fiscal year and its taxonomy. @category models */
export interface NarrativeInput {
  readonly state: BudgetState.BudgetState
  readonly year: number
  readonly taxonomy: Taxonomy.Taxonomy
}

/** One slice or bar of a chart: a label and a 万元 figure with two decimals. @category models */
export interface ChartPoint {
  readonly label: string
  readonly value: string
}

/** A chart the published document draws under a section (structure pie, 三公 distribution bars). @category models */
export interface NarrativeChart {
  readonly id: string
  readonly title: string
  readonly kind: "pie" | "bar"
  readonly unit: "万元"
  readonly series: ReadonlyArray<ChartPoint>
}

/** One numbered section of 第三部分 情况说明, keyed by its numeral ("一" … "十二"). @category models */
export interface NarrativeSection {
  readonly id: string
  readonly title: string
  readonly text: string
  readonly charts?: ReadonlyArray<NarrativeChart>
}

/** Names a section builder needs besides the state. @category models */
export interface SectionContext extends NarrativeInput {
  /** 部门名称 as the sentences name the department. */
  readonly department: string
  /** The year last year's budget figures belong to, when they were recorded. */
  readonly priorYear: number | undefined
}
