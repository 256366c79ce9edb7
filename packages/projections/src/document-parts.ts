/**
 * The parts of the disclosure beyond its tables — narrative, performance-target tables, overview
 * and glossary — built together from the folded state, so `buildDisclosure` wires them in one call.
 *
 * @module document-parts
 */
import type { BudgetState, Taxonomy } from "@ledger/domain"
import { glossaryFor, type GlossaryEntry } from "./glossary/glossary.ts"
import { buildNarrative } from "./narrative/build-narrative.ts"
import type { NarrativeSection } from "./narrative/types.ts"
import { buildOverview, type Overview } from "./overview/build-overview.ts"
import { buildPerformanceTargets } from "./performance/build-performance-targets.ts"
import type { PerformanceTargetTable } from "./performance/schema.ts"

/** The non-table fields of `budget-disclosure/v1`. @category models */
export interface DocumentParts {
  readonly narrative: ReadonlyArray<NarrativeSection>
  readonly performanceTargets: ReadonlyArray<PerformanceTargetTable>
  readonly overview: Overview
  readonly glossary: ReadonlyArray<GlossaryEntry>
}

/** Builds narrative, performance tables, overview and glossary of a department-year. @category projections */
export const buildDocumentParts = (
  state: BudgetState.BudgetState,
  year: number,
  taxonomy: Taxonomy.Taxonomy,
  template: string,
): DocumentParts => ({
  narrative: buildNarrative({ state, year, taxonomy }),
  performanceTargets: buildPerformanceTargets({ state, year }),
  overview: buildOverview(state, taxonomy),
  glossary: glossaryFor(template),
})
