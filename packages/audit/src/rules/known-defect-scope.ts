/**
 * Which documents the §5.2 known-defect catalogue describes. The catalogue lists the defects of the
 * reference disclosure; a finding is labelled with its item only when it is a finding on that very
 * department-year, so a filter on known defects never hides a genuine error of another department
 * (the same check firing on another department's disclosure is that department's error).
 *
 * @module known-defect-scope
 */
import type { AuditDocument } from "../model/document.ts"

/** A department-year whose published document §5.2 catalogues (an identity, not a figure). @category models */
interface KnownDefectDocument {
  readonly departmentName: string
  readonly fiscalYear: number
}

/** The documents §5.2 describes: the reference disclosure (fixtures/reference-documents). @category models */
export const KNOWN_DEFECT_DOCUMENTS: ReadonlyArray<KnownDefectDocument> = [
  { departmentName: "长治市屯留区人民政府办公室", fiscalYear: 2026 },
]

/** True when §5.2 describes this document's defects. @category models */
export const describesDocument = (doc: Pick<AuditDocument, "departmentName" | "fiscalYear">): boolean =>
  KNOWN_DEFECT_DOCUMENTS.some(
    (d) => d.departmentName === doc.departmentName.trim() && d.fiscalYear === doc.fiscalYear,
  )

/**
 * The findings with their `knownDefect` label kept only when §5.2 describes the document they are
 * about; every other document's findings lose it.
 * @category models
 */
export const scopeKnownDefects = <F extends { readonly knownDefect?: number }>(
  doc: Pick<AuditDocument, "departmentName" | "fiscalYear">,
  findings: ReadonlyArray<F>,
): Array<F> =>
  describesDocument(doc)
    ? [...findings]
    : findings.map((f) => {
        if (f.knownDefect === undefined) return f
        const { knownDefect: _, ...rest } = f
        return rest as F
      })
