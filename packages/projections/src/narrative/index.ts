/**
 * The narrative builder and its shapes.
 *
 * @module narrative
 */
export { buildNarrative } from "./build-narrative.ts"
export { toChineseNumeral } from "./chinese-numerals.ts"
export { ChartPoint, NarrativeChart, type NarrativeInput } from "./types.ts"
