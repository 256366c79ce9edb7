/**
 * As-of filtering shared by the in-memory store and tests: does a row belong to the history as
 * it stood at a position, a recording instant or a business date?
 */
import { occurredAtKey, recordedAtKey } from "./event.ts"
import type { AsOf } from "./event.ts"
import type { StoredRow } from "./stored-row.ts"

/** A predicate keeping the rows visible as of `asOf` (everything when undefined). @category constructors */
export const asOfPredicate = (asOf: AsOf | undefined): ((row: StoredRow) => boolean) => {
  if (asOf === undefined) return () => true
  if ("position" in asOf) return (row) => row.position <= asOf.position
  if ("recordedAt" in asOf) {
    const bound = recordedAtKey(asOf.recordedAt) ?? ""
    return (row) => row.recordedAt <= bound
  }
  const bound = occurredAtKey(asOf.occurredAt, true)
  return (row) => row.occurredKey <= bound
}
