/**
 * The harvest merge: a harvest file parses into 款 and 项 with its source, merging adds only what
 * is missing (an existing entry keeps its source) and is idempotent, a 项 without its 款 is refused,
 * and every year's data file already holds every harvested code (re-run the script when not).
 */
import { readdirSync, readFileSync } from "node:fs"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { TaxonomyFile } from "../src/TaxonomyFile.ts"
import { availableYears, readYear } from "../src/taxonomy-data.ts"
import { mergeHarvest, parseHarvest, spliceInto } from "./merge-taxonomy.ts"

const harvestDir = new URL("./taxonomy-harvest/", import.meta.url)
const harvests = readdirSync(harvestDir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => parseHarvest(readFileSync(new URL(f, harvestDir), "utf8"), f))

const sample = `# source: test-src
# description: a test list
# verify: true
21301 农业农村: ~; 04 事业运行; 99 其他农业农村支出
21399 其他农林水支出
`

const fileOf = (year: number) => Schema.decodeUnknownSync(TaxonomyFile)(readYear(year))

describe("merge-taxonomy", () => {
  it("parses a 款 line with its 项, ~ standing for the three running-cost 项", () => {
    const h = parseHarvest(sample)
    expect(h).toMatchObject({ source: "test-src", verify: true })
    expect(h.codes.map((c) => c.code)).toEqual([
      "21301",
      "2130101",
      "2130102",
      "2130103",
      "2130104",
      "2130199",
      "21399",
    ])
    expect(() => parseHarvest("# source: x\n# description: y\n2130101 行政运行\n")).toThrow(/CODE NAME/)
  })

  it("adds only missing codes, keeps an existing entry's source, and is idempotent", () => {
    const base = fileOf(2026)
    const once = mergeHarvest(base, parseHarvest(sample))
    expect(once.functionCodes.find((e) => e.code === "2130101")?.source).toBe(
      base.functionCodes.find((e) => e.code === "2130101")?.source,
    )
    expect(once.sources.some((s) => s.id === "test-src")).toBe(true)
    expect(mergeHarvest(once, parseHarvest(sample))).toEqual(once)
  })

  it("refuses a 项 whose 款 is in neither the file nor the harvest", () => {
    const orphan = { source: "x", description: "x", verify: true, codes: [{ code: "2189901", name: "无" }] }
    expect(() => mergeHarvest(fileOf(2026), orphan)).toThrow(/has no parent/)
  })

  it("every year's data file holds every harvested code, and writing it again changes nothing", () => {
    for (const year of availableYears()) {
      const file = fileOf(year)
      const codes = new Set(file.functionCodes.map((e) => e.code))
      for (const h of harvests)
        for (const c of h.codes) expect(codes.has(c.code), `${year} ${c.code}`).toBe(true)
      const text = readFileSync(new URL(`../data/taxonomy/${year}.json`, import.meta.url), "utf8")
      expect(spliceInto(text, harvests.reduce(mergeHarvest, file))).toBe(text)
    }
  })
})
