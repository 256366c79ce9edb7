/**
 * The narrative builder and its shapes.
 *
 * @module narrative
 */
export { buildNarrative } from "./build-narrative.ts"
export { toChineseNumeral } from "./chinese-numerals.ts"
export { operatingCosts } from "./sections-general.ts"
export { projectFigures, type ProjectFigure } from "./sections-management.ts"
export type { ChartPoint, NarrativeChart, NarrativeInput, NarrativeSection } from "./types.ts"
