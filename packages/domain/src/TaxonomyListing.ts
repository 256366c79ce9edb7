/**
 * The listing of a year's classification as integrators read it (`GET /v1/taxonomy/{year}`,
 * `ledger taxonomy`): every 类/款/项 function code and every 类/款 economic code with its name,
 * level, source and whether it still needs checking against the official text. Pure: built from a
 * validated taxonomy file.
 *
 * @module TaxonomyListing
 */
import type { TaxonomyFile } from "./TaxonomyFile.ts"

/** One code of a listing. @category models */
export interface TaxonomyEntry {
  readonly code: string
  readonly name: string
  /** 类 (3 digits), 款 (5) or 项 (7). */
  readonly level: "类" | "款" | "项"
  /** Id of the entry's source in `sources`. */
  readonly source: string
  /** True while the entry is not checked against the official 《政府收支分类科目》 of the year. */
  readonly verify: boolean
  readonly note?: string
}

/** A whole listing. @category models */
export interface TaxonomyListing {
  readonly year: number
  readonly sources: ReadonlyArray<{ readonly id: string; readonly description: string }>
  readonly counts: {
    readonly functionClasses: number
    readonly functionKuan: number
    readonly functionXiang: number
    readonly deptEconomic: number
    readonly govEconomic: number
    readonly unverified: number
  }
  /** 支出功能分类: classes, 款 and 项 in code order. */
  readonly function: ReadonlyArray<TaxonomyEntry>
  /** 部门预算支出经济分类 类 and 款. */
  readonly deptEconomic: ReadonlyArray<TaxonomyEntry>
  /** 政府预算支出经济分类 类 and 款. */
  readonly govEconomic: ReadonlyArray<TaxonomyEntry>
}

const LEVEL = { 3: "类", 5: "款", 7: "项" } as const

const entry = (e: {
  readonly code: string
  readonly name: string
  readonly source: string
  readonly verify?: boolean | undefined
  readonly note?: string | undefined
}): TaxonomyEntry => ({
  code: e.code,
  name: e.name,
  level: LEVEL[e.code.length as 3 | 5 | 7],
  source: e.source,
  verify: e.verify === true,
  ...(e.note === undefined ? {} : { note: e.note }),
})

const byCode = (a: TaxonomyEntry, b: TaxonomyEntry): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0

/** The listing of a validated file. @category constructors */
export const listingOf = (f: TaxonomyFile): TaxonomyListing => {
  const fn = [...f.functionClasses.map(entry), ...f.functionCodes.map(entry)].sort(byCode)
  const dept = f.deptEconomic.map(entry).sort(byCode)
  const gov = f.govEconomic.map(entry).sort(byCode)
  const all = [...fn, ...dept, ...gov]
  return {
    year: f.year,
    sources: f.sources.map(({ id, description }) => ({ id, description })),
    counts: {
      functionClasses: fn.filter((e) => e.level === "类").length,
      functionKuan: fn.filter((e) => e.level === "款").length,
      functionXiang: fn.filter((e) => e.level === "项").length,
      deptEconomic: dept.length,
      govEconomic: gov.length,
      unverified: all.filter((e) => e.verify).length,
    },
    function: fn,
    deptEconomic: dept,
    govEconomic: gov,
  }
}

/** The listing as plain text, one code a line, indented by level, `?` marking unverified entries. */
export const listingText = (l: TaxonomyListing): string => {
  const line = (e: TaxonomyEntry): string =>
    `${"  ".repeat(e.level === "类" ? 0 : e.level === "款" ? 1 : 2)}${e.code} ${e.name}${e.verify ? "  ?" : ""}  [${e.source}]`
  const c = l.counts
  return [
    `《${l.year}年政府收支分类科目》 as budget-ledger holds it: ${c.functionClasses} 类, ${c.functionKuan} 款, ${c.functionXiang} 项 of the function classification; ${c.deptEconomic} 部门经济 and ${c.govEconomic} 政府经济 codes; ${c.unverified} entries marked ? still need checking`,
    "",
    "支出功能分类科目",
    ...l.function.map(line),
    "",
    "部门预算支出经济分类科目",
    ...l.deptEconomic.map(line),
    "",
    "政府预算支出经济分类科目",
    ...l.govEconomic.map(line),
    "",
    "sources",
    ...l.sources.map((s) => `  ${s.id}: ${s.description}`),
    "",
  ].join("\n")
}
