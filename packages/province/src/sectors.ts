/**
 * The policy areas a generated department works in, each with the 功能项 codes its basic and
 * project lines use. Every code is checked against the year's taxonomy when a sector is drawn, so
 * a taxonomy without one of them is a loud error, not a department that fails to import.
 *
 * @module sectors
 */
import { Result } from "effect"
import type { Taxonomy } from "@ledger/domain"
import type { Random } from "./random.ts"

/** A policy area: what its units are paid under. @category models */
export interface Sector {
  /** The work the department does, for names and narrative notes. */
  readonly work: string
  /** 行政运行 of the area (administrative and civil-service-managed units). */
  readonly adminCode: string
  /** 事业运行 or the area's institution code (public institutions). */
  readonly institutionCode: string
  /** 功能项 codes of project lines. */
  readonly projectCodes: ReadonlyArray<string>
}

const SECTORS: ReadonlyArray<Sector> = [
  {
    work: "政务服务",
    adminCode: "2010301",
    institutionCode: "2010350",
    projectCodes: ["2010302", "2010399"],
  },
  {
    work: "文化和旅游",
    adminCode: "2070101",
    institutionCode: "2070109",
    projectCodes: ["2070108", "2070111", "2070112", "2070113", "2070199"],
  },
  {
    work: "城乡社区管理",
    adminCode: "2120101",
    institutionCode: "2120199",
    projectCodes: ["2120102", "2120399", "2120601"],
  },
]

/**
 * Draws a sector and checks every code it uses against the taxonomy.
 * @category constructors
 */
export const sectorOf = (r: Random, taxonomy: Taxonomy.Taxonomy): Sector => {
  const sector = r.pick(SECTORS)
  const codes = [sector.adminCode, sector.institutionCode, ...sector.projectCodes]
  for (const code of codes) Result.getOrThrow(taxonomy.functionName(code))
  return sector
}
