/**
 * Which documents carry which §5.2 known-defect labels. The catalogue (`known-defects.ts`) is a rule:
 * it classifies a finding by its check and place. Which published department-years acknowledge which
 * of those classes is data — a {@link KnownDefectRegistry} the caller supplies (a JSON file such as
 * `fixtures/reference-documents/known-defects.json`, given to the CLI and the API). The default
 * registry lists no document, so a filter on known defects never hides a finding of a document
 * nobody acknowledged.
 *
 * @module known-defect-scope
 */
import { SchemaIssues } from "@ledger/domain"
import { Data, Result, Schema } from "effect"
import type { AuditDocument } from "../model/document.ts"

/** One department-year whose published document carries acknowledged known defects. @category models */
export const KnownDefectDocument = Schema.Struct({
  /** The department's name as printed on the document (the published text names no code). */
  departmentName: Schema.NonEmptyString,
  fiscalYear: Schema.Int,
  /** The §5.2 items (`KNOWN_DEFECTS[].item`) acknowledged on this document. */
  items: Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 99 }))),
  /** Where the acknowledgement comes from (free text, not read by the rules). */
  source: Schema.optionalKey(Schema.String),
})
/** @category models */
export type KnownDefectDocument = typeof KnownDefectDocument.Type

/** The registry of acknowledged known defects (`known-defects/v1`). @category models */
export const KnownDefectRegistry = Schema.Struct({
  schema: Schema.Literal("known-defects/v1"),
  documents: Schema.Array(KnownDefectDocument),
})
/** @category models */
export type KnownDefectRegistry = typeof KnownDefectRegistry.Type

/** The default: no document carries a label. @category constants */
export const NO_KNOWN_DEFECTS: KnownDefectRegistry = { schema: "known-defects/v1", documents: [] }

/** A known-defect registry that does not decode; `issues` name the fields. @category errors */
export class InvalidKnownDefectRegistry extends Data.TaggedError("InvalidKnownDefectRegistry")<{
  readonly issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>
}> {
  override get message(): string {
    return `invalid known-defect registry: ${this.issues
      .map((i) => `${SchemaIssues.dotted(i.path) || "(root)"}: ${i.message}`)
      .join("; ")}`
  }
}

/** Decodes a registry from the text of its JSON file (the boundary: a file or a config value). @category constructors */
export const parseKnownDefectRegistry = (
  text: string,
): Result.Result<KnownDefectRegistry, InvalidKnownDefectRegistry> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return Result.fail(
      new InvalidKnownDefectRegistry({ issues: [{ path: [], message: (e as Error).message }] }),
    )
  }
  return Result.mapError(
    Schema.decodeUnknownResult(KnownDefectRegistry)(json, { errors: "all" }),
    (e) => new InvalidKnownDefectRegistry({ issues: SchemaIssues.fieldIssues(e) }),
  )
}

/** The §5.2 items the registry acknowledges on this document (none when it is not listed). @category models */
export const acknowledgedItems = (
  registry: KnownDefectRegistry,
  doc: Pick<AuditDocument, "departmentName" | "fiscalYear">,
): ReadonlySet<number> =>
  new Set(
    registry.documents
      .filter((d) => d.departmentName === doc.departmentName.trim() && d.fiscalYear === doc.fiscalYear)
      .flatMap((d) => d.items),
  )

/**
 * The findings with their `knownDefect` label kept only when the registry acknowledges that item on
 * the document they are about; every other label is dropped.
 * @category models
 */
export const scopeKnownDefects = <F extends { readonly knownDefect?: number }>(
  registry: KnownDefectRegistry,
  doc: Pick<AuditDocument, "departmentName" | "fiscalYear">,
  findings: ReadonlyArray<F>,
): Array<F> => {
  const items = acknowledgedItems(registry, doc)
  return findings.map((f) => {
    if (f.knownDefect === undefined || items.has(f.knownDefect)) return f
    const { knownDefect: _, ...rest } = f
    return rest as F
  })
}
