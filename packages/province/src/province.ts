/**
 * A synthetic province: `departments` departments × `years` fiscal years, generated one
 * department-year at a time (constant memory, any size), deterministic for a seed.
 *
 * @module province
 */
import { Data } from "effect"
import { Taxonomy } from "@ledger/domain"
import { generateDepartmentYear } from "./department.ts"
import { makeRandom } from "./random.ts"
import type { Template, WireEvent } from "./wire.ts"

/** The size of a province. @category models */
export interface ProvinceSpec {
  readonly departments: number
  readonly years: number
  readonly seed: number
  /** Templates departments are spread over (default: every template the generator knows). */
  readonly templates?: ReadonlyArray<Template> | undefined
}

/** The templates the generator can produce. @category models */
export const TEMPLATES: ReadonlyArray<Template> = ["shanxi-county-13", "shanghai-district-9"]

/** How many departments in three publish with each template when every template is allowed. */
const SHARE: Readonly<Record<Template, number>> = { "shanxi-county-13": 2, "shanghai-district-9": 1 }

/**
 * The template of the i-th department: drawn from the department's own stream (so it does not
 * depend on how many departments there are), weighted by `SHARE` over the allowed templates —
 * about a third Shanghai when both are allowed.
 * @category constructors
 */
export const templateOf = (seed: number, index: number, templates: ReadonlyArray<Template>): Template => {
  const allowed = [...new Set(templates)]
  const total = allowed.reduce((n, t) => n + SHARE[t], 0)
  let u = makeRandom(seed, `template/${index}`).next() * total
  for (const t of allowed) {
    u -= SHARE[t]
    if (u < 0) return t
  }
  const last = allowed[allowed.length - 1]
  if (last === undefined)
    throw new InvalidProvince({ field: "templates", message: "templates must not be empty" })
  return last
}

/** A province that cannot be generated (e.g. more years than have a taxonomy); names the field. @category errors */
export class InvalidProvince extends Data.TaggedError("InvalidProvince")<{
  readonly field: "departments" | "years" | "seed" | "templates"
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
  if (spec.templates !== undefined && spec.templates.length === 0)
    throw new InvalidProvince({ field: "templates", message: "templates must name at least one template" })
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
    const template = templateOf(spec.seed, index, templates)
    for (const year of years) {
      const events = generateDepartmentYear({ seed: spec.seed, index, year, template })
      const first = events[0]
      yield { department: first?.stream.department ?? "", year, template, events }
    }
  }
}
