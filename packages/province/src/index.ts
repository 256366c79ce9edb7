/**
 * @ledger/province — a deterministic synthetic province of budget events (`pnpm ledger generate`,
 * `pnpm bench`): department-years built only from the taxonomy and the event format.
 *
 * @module
 */
export { generateDepartmentYear } from "./department.ts"
export { departmentCode } from "./wire.ts"
export type { DepartmentYearSpec, Template, WireEvent } from "./wire.ts"
export { generateProvince, InvalidProvince, provinceYears, templateOf, TEMPLATES } from "./province.ts"
export type { DepartmentYearEvents, ProvinceSpec } from "./province.ts"
export { makeRandom } from "./random.ts"
export type { Random } from "./random.ts"
