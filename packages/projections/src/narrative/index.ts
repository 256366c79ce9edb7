/**
 * The narrative builder and its shapes.
 *
 * @module narrative
 */
export { buildNarrative } from "./build-narrative.ts"
export { toChineseNumeral } from "./chinese-numerals.ts"
export { operatingCosts } from "./sections-general.ts"
export { projectFigures, type ProjectFigure } from "./sections-management.ts"
export { ChartPoint, NarrativeChart, NarrativeSection, type NarrativeInput } from "./types.ts"
