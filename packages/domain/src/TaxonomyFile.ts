/**
 * The schema of a taxonomy data file (`data/taxonomy/YYYY.json`). Codes and names of a fiscal year
 * live in data, not code, so a new year is a new file; this schema is what keeps a bad file from
 * loading silently. Every entry names its `source`, and `verify: true` marks what still needs
 * checking against the official 《政府收支分类科目》 of that year.
 *
 * @module TaxonomyFile
 */
import { Schema } from "effect"
import { FiscalYear, FundingSource, UnitType } from "./Codes.ts"

const Name = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200))
const SourceId = Schema.String.check(Schema.isNonEmpty())

const provenance = {
  source: SourceId,
  verify: Schema.optional(Schema.Boolean),
  note: Schema.optional(Schema.String),
}

/** Where a list came from. @category models */
const Source = Schema.Struct({ id: SourceId, description: Name.check(Schema.isMaxLength(2000)) })

/** A 类 of the functional classification with its table-1 ordinal label. @category models */
const FunctionClassEntry = Schema.Struct({
  code: Schema.String.check(Schema.isPattern(/^2\d{2}$/, { message: "must be a 3-digit function class" })),
  name: Name,
  ordinal: Schema.String.check(
    Schema.isPattern(/^[一二三四五六七八九十]{1,3}$/, { message: "must be a Chinese ordinal" }),
  ),
  ...provenance,
})

/** A 款 (5 digits) or 项 (7 digits) of the functional classification. @category models */
const FunctionCodeEntry = Schema.Struct({
  code: Schema.String.check(
    Schema.isPattern(/^2\d{4}(\d{2})?$/, { message: "must be a 5- or 7-digit function code" }),
  ),
  name: Name,
  ...provenance,
})

/** A 类 (3 digits) or 款 (5 digits) of an economic classification. @category models */
const EconomicEntry = Schema.Struct({
  code: Schema.String.check(
    Schema.isPattern(/^[35]\d{2}(\d{2})?$/, { message: "must be a 3- or 5-digit economic code" }),
  ),
  name: Name,
  ...provenance,
})

/** One row of the department → government economic mapping, valid for the listed unit types. @category models */
const MappingEntry = Schema.Struct({
  dept: Schema.String.check(
    Schema.isPattern(/^3\d{4}$/, { message: "must be a 5-digit department economic code" }),
  ),
  gov: Schema.String.check(
    Schema.isPattern(/^5\d{4}$/, { message: "must be a 5-digit government economic code" }),
  ),
  unitTypes: Schema.Array(UnitType).check(Schema.isMinLength(1)),
  ...provenance,
})

const ThreePublicKey = Schema.Literals(["abroad", "reception", "vehicle-purchase", "vehicle-operation"])

const labels = <S extends Schema.Literals<ReadonlyArray<string>>>(keys: S) => Schema.Record(keys, Name)

/** A whole taxonomy file. @category models */
export const TaxonomyFile = Schema.Struct({
  $comment: Schema.optional(Schema.String),
  year: FiscalYear,
  sources: Schema.Array(Source).check(Schema.isMinLength(1)),
  notes: Schema.optional(Schema.Array(Schema.String)),
  functionClasses: Schema.Array(FunctionClassEntry),
  functionCodes: Schema.Array(FunctionCodeEntry),
  deptEconomic: Schema.Array(EconomicEntry),
  govEconomic: Schema.Array(EconomicEntry),
  economicMapping: Schema.Array(MappingEntry),
  fundingSources: labels(FundingSource),
  unitTypes: labels(UnitType),
  basicCategories: labels(Schema.Literals(["personnel", "public"])),
  projectCategories: labels(Schema.Literals(["other-operation", "specific-target"])),
  threePublic: labels(ThreePublicKey),
  /** The 部门经济 款 each 三公 item is booked under (domain.md §3). */
  threePublicEconomic: Schema.Record(
    ThreePublicKey,
    Schema.Array(Schema.String).check(Schema.isMinLength(1)),
  ),
})
/** @category models */
export type TaxonomyFile = typeof TaxonomyFile.Type

/**
 * Consistency checks a schema cannot express: unique codes, every 款/项 under an existing parent,
 * economic codes in the right classification, mapping rows pointing at known codes, one mapping per
 * (code, unit type), sources that exist. Returns one message per problem.
 * @category validation
 */
export const checkConsistency = (f: TaxonomyFile): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const sourceIds = new Set(f.sources.map((s) => s.id))
  const seen = (label: string, codes: ReadonlyArray<string>): Set<string> => {
    const set = new Set<string>()
    for (const c of codes) {
      if (set.has(c)) problems.push(`${label}: code ${c} appears twice`)
      set.add(c)
    }
    return set
  }
  const classes = seen(
    "functionClasses",
    f.functionClasses.map((e) => e.code),
  )
  const fn = seen(
    "functionCodes",
    f.functionCodes.map((e) => e.code),
  )
  seen(
    "functionClasses ordinal",
    f.functionClasses.map((e) => e.ordinal),
  )
  for (const c of fn) {
    const parent = c.length === 7 ? c.slice(0, 5) : c.slice(0, 3)
    if (!(c.length === 7 ? fn : classes).has(parent))
      problems.push(`functionCodes: ${c} has no parent ${parent}`)
  }
  const hierarchy = (label: string, codes: Set<string>, first: string) => {
    for (const c of codes) {
      if (c[0] !== first) problems.push(`${label}: ${c} is not in the ${first}xx classification`)
      if (c.length === 5 && !codes.has(c.slice(0, 3)))
        problems.push(`${label}: ${c} has no parent ${c.slice(0, 3)}`)
    }
  }
  const dept = seen(
    "deptEconomic",
    f.deptEconomic.map((e) => e.code),
  )
  const gov = seen(
    "govEconomic",
    f.govEconomic.map((e) => e.code),
  )
  hierarchy("deptEconomic", dept, "3")
  hierarchy("govEconomic", gov, "5")
  const mapped = new Set<string>()
  for (const m of f.economicMapping) {
    if (!dept.has(m.dept)) problems.push(`economicMapping: unknown department code ${m.dept}`)
    if (!gov.has(m.gov)) problems.push(`economicMapping: ${m.dept} maps to unknown government code ${m.gov}`)
    for (const t of m.unitTypes) {
      if (mapped.has(`${m.dept}/${t}`)) problems.push(`economicMapping: ${m.dept} is mapped twice for ${t}`)
      mapped.add(`${m.dept}/${t}`)
    }
  }
  for (const [category, codes] of Object.entries(f.threePublicEconomic)) {
    for (const c of codes)
      if (!dept.has(c)) problems.push(`threePublicEconomic: ${category} names unknown code ${c}`)
  }
  const entries = [
    ...f.functionClasses,
    ...f.functionCodes,
    ...f.deptEconomic,
    ...f.govEconomic,
    ...f.economicMapping,
  ]
  for (const e of entries) {
    if (!sourceIds.has(e.source))
      problems.push(`unknown source "${e.source}" on ${"code" in e ? e.code : e.dept}`)
  }
  return problems
}
