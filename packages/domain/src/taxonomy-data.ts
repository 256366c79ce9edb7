/**
 * The one place that reads taxonomy files from disk. `data/taxonomy/` sits at the package root, so
 * the same relative URL works from `src/` in development and from `dist/` once built. Files are
 * read once and cached; everything else in the domain stays free of I/O.
 *
 * @module taxonomy-data
 */
import { readdirSync, readFileSync } from "node:fs"

const DIR = new URL("../data/taxonomy/", import.meta.url)
const FILE = /^(\d{4})\.json$/

let yearsCache: ReadonlyArray<number> | undefined
const fileCache = new Map<number, unknown>()

/** The fiscal years that have a `YYYY.json` file, ascending. */
export const availableYears = (): ReadonlyArray<number> => {
  if (yearsCache === undefined) {
    yearsCache = readdirSync(DIR)
      .map((name) => FILE.exec(name)?.[1])
      .filter((y): y is string => y !== undefined)
      .map(Number)
      .sort((a, b) => a - b)
  }
  return yearsCache
}

/** The parsed JSON of a year's file, or undefined when there is none. Throws on malformed JSON (a packaging bug). */
export const readYear = (year: number): unknown => {
  if (!availableYears().includes(year)) return undefined
  if (!fileCache.has(year)) {
    const text = readFileSync(new URL(`${year}.json`, DIR), "utf8")
    fileCache.set(year, JSON.parse(text) as unknown)
  }
  return fileCache.get(year)
}
