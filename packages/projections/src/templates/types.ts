/**
 * What a regional template is: everything a layout needs, defined once — its tables (title,
 * columns, printed unit, builder), the parts beyond the tables (narrative, performance forms,
 * overview, glossary) and the reading order renderers follow. Projections, render and audit read
 * a template from the registry; none of them restates a layout.
 *
 * @module templates/types
 */
import type { BudgetState, Codes, Taxonomy } from "@ledger/domain"
import type { TableContext } from "../context.ts"
import type { Disclosure, DisclosureTable } from "../disclosure-schema.ts"
import type { DisplayUnit } from "../display-unit.ts"
import type { DocumentParts } from "../document-parts.ts"
import type { NarrativeChart } from "../narrative/types.ts"
import type { PerformanceTargetTable } from "../performance/schema.ts"

/** One table of a template. @category models */
export interface TableLayout {
  /** The table's id in the document ("1" …). */
  readonly id: string
  /** The title without the year, as auditors and parsers match it (e.g. "预算收支总表"). */
  readonly title: string
  /** A short name per printed column, for findings' places and the parser. */
  readonly columns: ReadonlyArray<string>
  /** The unit its amount cells print in. */
  readonly unit: DisplayUnit
  /** Builds the table from the folded ledger. */
  readonly build: (ctx: TableContext) => DisclosureTable
}

/** One block of a document in reading order (cover, headings, paragraphs, tables, charts, forms). @category models */
export type Block =
  | { readonly kind: "cover"; readonly department: string; readonly title: string }
  | { readonly kind: "part"; readonly text: string }
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | {
      readonly kind: "table"
      readonly table: DisclosureTable
      readonly department: string
      /** "部门名称" or "编制部门": the template's label before the department above each table. */
      readonly departmentLabel: string
    }
  | { readonly kind: "chart"; readonly chart: NarrativeChart }
  | {
      readonly kind: "performance"
      readonly table: PerformanceTargetTable
      /** The form as a grid of cells, laid out as the template's published form. */
      readonly grid: ReadonlyArray<ReadonlyArray<string>>
    }

/** A regional disclosure template. @category models */
export interface Template {
  readonly id: Codes.TemplateId
  /** A human name, e.g. "山西省县级部门预算公开（13张表）". */
  readonly name: string
  /** The label before the department's name above each table ("部门名称" or "编制部门"). */
  readonly departmentLabel: string
  /** The tables in document order. */
  readonly tables: ReadonlyArray<TableLayout>
  /** Narrative, performance forms, overview and glossary of a department-year. */
  readonly parts: (state: BudgetState.BudgetState, year: number, taxonomy: Taxonomy.Taxonomy) => DocumentParts
  /** A performance-target form as a grid of cells, laid out as the template's published form. */
  readonly performanceGrid: (t: PerformanceTargetTable) => ReadonlyArray<ReadonlyArray<string>>
  /** The document in reading order, as the published document prints it. */
  readonly outline: (d: Disclosure) => ReadonlyArray<Block>
}
