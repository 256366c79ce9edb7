/**
 * A synthetic province: `departments` departments × `years` fiscal years, generated one
 * department-year at a time (constant memory, any size), deterministic for a seed.
 *
 * @module province
 */
import { Data } from "effect"
import { Taxonomy } from "@ledger/domain"
import { generateDepartmentYear, type Template, type WireEvent } from "./department.ts"
import { makeRandom } from "./random.ts"

/** The size of a province. @category models */
export interface ProvinceSpec {
  readonly departments: number
  readonly years: number
  readonly seed: number
  /** Templates departments are spread over (default: every template the generator knows). */
  readonly templates?: ReadonlyArray<Template> | undefined
}

/** The templates the generator can produce today. @category models */
export const TEMPLATES: ReadonlyArray<Template> = ["shanxi-county-13"]

/** A province that cannot be generated (e.g. more years than have a taxonomy); names the field. @category errors */
export class InvalidProvince extends Data.TaggedError("InvalidProvince")<{
  readonly field: "departments" | "years" | "seed"
  readonly message: string
}> {}

/**
 * The fiscal years of a province: the last `years` years that have a taxonomy.
 * @category constructors
 */
export const provinceYears = (spec: ProvinceSpec): ReadonlyArray<number> => {
  if (!Number.isInteger(spec.departments) || spec.departments < 1 || spec.departments > 999_999)
    throw new InvalidProvince({
      field: "departments",
      message: "departments must be an integer from 1 to 999999",
    })
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff)
    throw new InvalidProvince({ field: "seed", message: "seed must be an integer from 0 to 4294967295" })
  const known = Taxonomy.years()
  if (!Number.isInteger(spec.years) || spec.years < 1 || spec.years > known.length)
    throw new InvalidProvince({
      field: "years",
      message: `years must be an integer from 1 to ${known.length}: taxonomies exist for ${known.join(", ")}`,
    })
  return known.slice(known.length - spec.years)
}

/** One department-year of a province with its events. @category models */
export interface DepartmentYearEvents {
  readonly department: string
  readonly year: number
  readonly template: Template
  readonly events: ReadonlyArray<WireEvent>
}

/**
 * Every department-year of the province, department by department, year by year. Lazily: only one
 * department-year is in memory at a time.
 * @category constructors
 */
export function* generateProvince(spec: ProvinceSpec): Generator<DepartmentYearEvents> {
  const years = provinceYears(spec)
  const templates = spec.templates ?? TEMPLATES
  for (let index = 0; index < spec.departments; index++) {
    const template = makeRandom(spec.seed, `template/${index}`).pick(templates)
    for (const year of years) {
      const events = generateDepartmentYear({ seed: spec.seed, index, year, template })
      const first = events[0]
      yield { department: first?.stream.department ?? "", year, template, events }
    }
  }
}
