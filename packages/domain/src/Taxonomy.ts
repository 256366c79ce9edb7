/**
 * The 政府收支分类科目 and the domain's closed vocabularies of one fiscal year, loaded from
 * `data/taxonomy/YYYY.json`. Codes are the keys and names only labels, so a renamed subject never
 * breaks a stored event; an unknown code is a typed error naming the code, the classification and
 * the year. A new year is a new data file: no code change.
 *
 * @module Taxonomy
 */
import { Data, Result, Schema } from "effect"
import { dotted, fieldIssues } from "./SchemaIssues.ts"
import type { BasicCategory, FundingSource, ProjectCategory, ThreePublicCategory, UnitType } from "./Codes.ts"
import { availableYears, readYear } from "./taxonomy-data.ts"
import { checkConsistency, TaxonomyFile } from "./TaxonomyFile.ts"
import { listingOf, type TaxonomyListing } from "./TaxonomyListing.ts"

export { listingText, type TaxonomyEntry, type TaxonomyListing } from "./TaxonomyListing.ts"

/** A code the year's taxonomy does not have. @category errors */
export class UnknownCode extends Data.TaggedError("UnknownCode")<{
  code: string
  year: number
  classification: "function" | "dept-economic" | "gov-economic"
}> {
  override get message(): string {
    return `${this.classification} code ${this.code} ${notHeld(this.year)}`
  }
}

/**
 * The wording every unknown-code error ends with: the code is not in the classification this
 * installation holds (which may lag the official list), and where to read how to add one.
 * @category errors
 */
export const notHeld = (year: number): string =>
  `is not in the classification budget-ledger holds for ${year} (to add a code, see docs/taxonomy.md)`

/** A fiscal year with no taxonomy file. @category errors */
export class UnknownYear extends Data.TaggedError("UnknownYear")<{ year: number }> {
  override get message(): string {
    return `there is no taxonomy for fiscal year ${this.year}`
  }
}

/** A taxonomy file that does not validate; lists every problem. @category errors */
export class InvalidTaxonomyFile extends Data.TaggedError("InvalidTaxonomyFile")<{
  problems: ReadonlyArray<string>
}> {
  override get message(): string {
    return `invalid taxonomy file: ${this.problems.join("; ")}`
  }
}

/** The classification of one fiscal year. @category models */
export interface Taxonomy {
  readonly year: number
  /** 3-digit 类, 5-digit 款 or 7-digit 项 name. */
  functionName(code: string): Result.Result<string, UnknownCode>
  /** All 30 classes in table-1 order with ordinal labels "一" … "三十". */
  functionClasses(): ReadonlyArray<{ code: string; name: string; ordinal: string }>
  /** 3-digit 类 or 5-digit 款 of the 部门预算支出经济分类. */
  deptEconomicName(code: string): Result.Result<string, UnknownCode>
  govEconomicName(code: string): Result.Result<string, UnknownCode>
  /** The 政府预算支出经济分类 款 for a 部门经济 款 in a unit of that type (domain.md §2.5). */
  govEconomicFor(deptCode: string, unitType: UnitType): Result.Result<string, UnknownCode>
  fundingSourceName(s: FundingSource): string
  unitTypeName(t: UnitType): string
  basicCategoryName(c: BasicCategory): string
  projectCategoryName(c: ProjectCategory): string
  threePublicName(c: ThreePublicCategory): string
  /** The 部门经济 款 codes a 三公 item is booked under (e.g. 公务接待费 → 30217). */
  threePublicCodes(c: ThreePublicCategory): ReadonlyArray<string>
  /** Every code of the year with its name, level, source and verification flag, for listings. */
  listing(): TaxonomyListing
}

const lookup =
  (year: number, classification: UnknownCode["classification"], names: ReadonlyMap<string, string>) =>
  (code: string): Result.Result<string, UnknownCode> => {
    const name = names.get(code)
    return name === undefined
      ? Result.fail(new UnknownCode({ code, year, classification }))
      : Result.succeed(name)
  }

/**
 * Builds a taxonomy from the contents of a data file, validating its shape and consistency.
 * Library users and tests can load their own file through it.
 * @category constructors
 */
export const fromFile = (input: unknown): Result.Result<Taxonomy, InvalidTaxonomyFile> => {
  const decoded = Schema.decodeUnknownResult(TaxonomyFile)(input, {
    errors: "all",
    onExcessProperty: "error",
  })
  if (Result.isFailure(decoded)) {
    const problems = fieldIssues(decoded.failure).map((i) => `${dotted(i.path)}: ${i.message}`)
    return Result.fail(new InvalidTaxonomyFile({ problems }))
  }
  const f = decoded.success
  const problems = checkConsistency(f)
  if (problems.length > 0) return Result.fail(new InvalidTaxonomyFile({ problems }))
  const fn = new Map<string, string>([
    ...f.functionClasses.map((e) => [e.code, e.name] as const),
    ...f.functionCodes.map((e) => [e.code, e.name] as const),
  ])
  const dept = new Map(f.deptEconomic.map((e) => [e.code, e.name] as const))
  const gov = new Map(f.govEconomic.map((e) => [e.code, e.name] as const))
  const mapping = new Map<string, string>()
  for (const m of f.economicMapping) for (const t of m.unitTypes) mapping.set(`${m.dept}/${t}`, m.gov)
  const classes = f.functionClasses.map(({ code, name, ordinal }) => ({ code, name, ordinal }))
  let listing: TaxonomyListing | undefined
  return Result.succeed({
    year: f.year,
    functionName: lookup(f.year, "function", fn),
    functionClasses: () => classes,
    deptEconomicName: lookup(f.year, "dept-economic", dept),
    govEconomicName: lookup(f.year, "gov-economic", gov),
    govEconomicFor: (deptCode, unitType) => {
      const g = mapping.get(`${deptCode}/${unitType}`)
      return g === undefined
        ? Result.fail(new UnknownCode({ code: deptCode, year: f.year, classification: "dept-economic" }))
        : Result.succeed(g)
    },
    fundingSourceName: (s) => f.fundingSources[s],
    unitTypeName: (t) => f.unitTypes[t],
    basicCategoryName: (c) => f.basicCategories[c],
    projectCategoryName: (c) => f.projectCategories[c],
    threePublicName: (c) => f.threePublic[c],
    threePublicCodes: (c) => f.threePublicEconomic[c],
    listing: () => (listing ??= listingOf(f)),
  })
}

const cache = new Map<number, Taxonomy>()

/**
 * The taxonomy of a fiscal year from the package's data files, loaded once. A shipped file that
 * fails validation is a packaging defect and throws, naming every problem.
 * @category constructors
 */
export const forYear = (year: number): Result.Result<Taxonomy, UnknownYear> => {
  const hit = cache.get(year)
  if (hit !== undefined) return Result.succeed(hit)
  const raw = readYear(year)
  if (raw === undefined) return Result.fail(new UnknownYear({ year }))
  const built = fromFile(raw)
  if (Result.isFailure(built)) throw new Error(`data/taxonomy/${year}.json: ${built.failure.message}`)
  if (built.success.year !== year)
    throw new Error(`data/taxonomy/${year}.json declares year ${built.success.year}`)
  cache.set(year, built.success)
  return Result.succeed(built.success)
}

/** The fiscal years with a taxonomy file, ascending. @category constructors */
export const years = (): ReadonlyArray<number> => availableYears()
