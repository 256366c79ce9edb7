/**
 * The parts of the disclosure beyond its tables — narrative, performance-target tables, overview
 * and glossary — as the department's template builds them, so `buildDisclosure` wires them in one call.
 *
 * @module document-parts
 */
import type { BudgetState, Codes, Taxonomy } from "@ledger/domain"
import type { GlossaryEntry } from "./glossary/glossary.ts"
import type { NarrativeSection } from "./narrative/types.ts"
import type { Overview } from "./overview/build-overview.ts"
import type { PerformanceTargetTable } from "./performance/schema.ts"
import { templateOf } from "./templates/registry.ts"

/** The non-table fields of `budget-disclosure/v1`. @category models */
export interface DocumentParts {
  readonly narrative: ReadonlyArray<NarrativeSection>
  readonly performanceTargets: ReadonlyArray<PerformanceTargetTable>
  readonly overview: Overview
  readonly glossary: ReadonlyArray<GlossaryEntry>
}

/** Builds narrative, performance tables, overview and glossary of a department-year with its template. @category projections */
export const buildDocumentParts = (
  state: BudgetState.BudgetState,
  year: number,
  taxonomy: Taxonomy.Taxonomy,
  template: Codes.TemplateId,
): DocumentParts => templateOf(template).parts(state, year, taxonomy)
