/**
 * Explaining a disclosure: where a printed cell comes from, and what changed between two points.
 *
 * @module
 */
export { CellChange, diffDisclosures, DisclosureDiff } from "./diff.ts"
export { CellProvenance, ContributionView, LineView, NoSuchCell, traceCell } from "./provenance.ts"
