/**
 * The one formatter of Effect Schema failures. Every boundary — the event envelope, the taxonomy
 * file, an append request, HTTP input, the configuration, an uploaded disclosure — names a bad
 * field the same way: its path from the decoded value's root and a message.
 *
 * @module
 */
import { Schema } from "effect"
import * as SchemaIssue from "effect/SchemaIssue"

/** One bad field: its path from the root of the decoded value and what is wrong. @category models */
export interface FieldIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/**
 * A value of the wrong JSON type (an amount sent as a number, a code as a number) is told the rule
 * its field states — the messages of the field's checks, as the event catalogue prints them —
 * rather than a bare "Expected string", so the error reads like the documentation it points to.
 */
const catalogueWording: SchemaIssue.LeafHook = (issue) => {
  if (issue._tag === "InvalidType") {
    const checks = (issue.ast as { checks?: ReadonlyArray<{ annotations?: { message?: unknown } }> }).checks
    const rules = (checks ?? []).flatMap((c) =>
      typeof c.annotations?.message === "string" ? [c.annotations.message] : [],
    )
    if (rules.length > 0) return rules.join("; ")
  }
  return SchemaIssue.defaultLeafHook(issue)
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1({ leafHook: catalogueWording })

/**
 * Every bad field of a failure (decode with `{ errors: "all" }` to collect them all, not just the
 * first). @category constructors
 */
export const fieldIssues = (failure: Schema.SchemaError | SchemaIssue.Issue): ReadonlyArray<FieldIssue> =>
  formatter(Schema.isSchemaError(failure) ? failure.issue : failure).issues.map((i) => ({
    path: (i.path ?? []).map((p) => (typeof p === "object" && p !== null ? p.key : p)),
    message: i.message,
  }))

/** A path as dotted text after an optional prefix: `["events", 0, "amount"]` → `events.0.amount`. */
export const dotted = (path: ReadonlyArray<PropertyKey>, prefix: ReadonlyArray<PropertyKey> = []): string =>
  [...prefix, ...path]
    .map(String)
    .filter((s) => s !== "")
    .join(".")

/** A path in accessor form after a root: `requests` + `[0, "events", 1]` → `requests[0].events[1]`. */
export const accessor = (root: string, path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    root,
  )
