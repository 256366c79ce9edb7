/**
 * Merges harvested classification codes (`scripts/taxonomy-harvest/*.txt`) into the taxonomy data
 * files (`data/taxonomy/YYYY.json`), so the 《政府收支分类科目》 codes budget-ledger holds grow from
 * sourced lists instead of hand edits. Each harvest file names its source (added to the file's
 * `sources`) and whether its entries still need checking (`verify`); an entry already present keeps
 * its name and source (a better source is never overwritten by a harvested one). The result is
 * checked by the same schema and consistency rules the loader applies at start-up.
 *
 * Run: `npx tsx packages/domain/scripts/merge-taxonomy.ts` (every year file; only the `sources` and
 * `functionCodes` arrays of each file are rewritten, one entry a line).
 *
 * Harvest format: `# source: ID`, `# description: TEXT`, `# verify: true|false` headers, then one
 * 款 per line — `CODE NAME: NN NAME; NN NAME; …` with its 项 as their last two digits (`~` stands
 * for `01 行政运行; 02 一般行政管理事务; 03 机关服务`), or `CODE NAME` alone.
 *
 * @module
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Schema } from "effect"
import { checkConsistency, TaxonomyFile } from "../src/TaxonomyFile.ts"

/** One harvested list. */
export interface Harvest {
  readonly source: string
  readonly description: string
  readonly verify: boolean
  readonly codes: ReadonlyArray<{ readonly code: string; readonly name: string }>
}

const STANDARD = "01 行政运行; 02 一般行政管理事务; 03 机关服务"

/** Parses one harvest file; throws naming the line on a malformed one. */
export const parseHarvest = (text: string, file = "harvest"): Harvest => {
  const header = (key: string) => new RegExp(`^# ${key}: (.+)$`, "m").exec(text)?.[1]?.trim()
  const source = header("source")
  const description = header("description")
  if (source === undefined || description === undefined)
    throw new Error(`${file}: needs "# source:" and "# description:" headers`)
  const codes: Array<{ code: string; name: string }> = []
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim()
    if (line === "" || line.startsWith("#")) return
    const m = /^(2\d{4})\s+([^:]+?)(?::\s*(.*))?$/.exec(line)
    if (m === null) throw new Error(`${file}:${i + 1}: expected "CODE NAME[: NN NAME; …]"`)
    const [, kuan = "", name = "", items] = m
    codes.push({ code: kuan, name: name.trim() })
    if (items === undefined) return
    for (const item of items.replaceAll("~", STANDARD).split(";")) {
      const x = /^(\d{2})\s+(.+)$/.exec(item.trim())
      if (x === null) throw new Error(`${file}:${i + 1}: expected "NN NAME", got "${item.trim()}"`)
      codes.push({ code: `${kuan}${x[1] ?? ""}`, name: (x[2] ?? "").trim() })
    }
  })
  return { source, description, verify: header("verify") !== "false", codes }
}

/** Adds the harvest's codes missing from `file` (and its source), sorted by code; validated. */
export const mergeHarvest = (file: TaxonomyFile, harvest: Harvest): TaxonomyFile => {
  const have = new Set(file.functionCodes.map((e) => e.code))
  const added = harvest.codes
    .filter((c) => !have.has(c.code))
    .map((c) => ({
      code: c.code,
      name: c.name,
      source: harvest.source,
      ...(harvest.verify ? { verify: true } : {}),
    }))
  const sources = file.sources.some((s) => s.id === harvest.source)
    ? file.sources
    : [...file.sources, { id: harvest.source, description: harvest.description }]
  const merged = {
    ...file,
    sources,
    functionCodes: [...file.functionCodes, ...added].sort((a, b) => a.code.localeCompare(b.code)),
  }
  const problems = checkConsistency(merged)
  if (problems.length > 0) throw new Error(`merging ${harvest.source}: ${problems.slice(0, 10).join("; ")}`)
  return merged
}

/** One entry on one line, as the data files lay them out: `{ "code": "…", "name": "…", … }`. */
const oneLine = (entry: object): string =>
  `{ ${Object.entries(entry)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(", ")} }`

/**
 * Writes the merged codes and sources into the file's text, leaving every other byte as it was
 * (the data files are laid out by hand, one entry a line, and are not Prettier's).
 */
export const spliceInto = (text: string, merged: TaxonomyFile): string => {
  const block = (key: string, body: string) => {
    const start = text.indexOf(`  "${key}": [\n`)
    const end = text.indexOf("\n  ],\n", start)
    if (start < 0 || end < 0) throw new Error(`no "${key}" array in the file`)
    return text.slice(0, start) + `  "${key}": [\n${body}` + text.slice(end)
  }
  text = block("functionCodes", merged.functionCodes.map((e) => `    ${oneLine(e)}`).join(",\n"))
  text = block(
    "sources",
    merged.sources
      .map(
        (s) =>
          `    {\n      "id": ${JSON.stringify(s.id)},\n      "description": ${JSON.stringify(s.description)}\n    }`,
      )
      .join(",\n"),
  )
  return text
}

const main = () => {
  const dir = new URL("../data/taxonomy/", import.meta.url)
  const harvestDir = new URL("./taxonomy-harvest/", import.meta.url)
  const harvests = readdirSync(harvestDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => parseHarvest(readFileSync(new URL(f, harvestDir), "utf8"), f))
  for (const name of readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f))) {
    const url = new URL(name, dir)
    const text = readFileSync(url, "utf8")
    let file = Schema.decodeUnknownSync(TaxonomyFile)(JSON.parse(text))
    for (const h of harvests) file = mergeHarvest(file, h)
    const out = spliceInto(text, file)
    // The written file must read back as exactly the merged data.
    const again = Schema.decodeUnknownSync(TaxonomyFile)(JSON.parse(out))
    if (JSON.stringify(again.functionCodes) !== JSON.stringify(file.functionCodes))
      throw new Error(`${name}: the written file does not read back as merged`)
    writeFileSync(url, out)
    process.stdout.write(`${name}: ${file.functionCodes.length} function codes\n`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
