/**
 * 第一部分 概况: the department's duties (本部门职责) and its units (机构设置), from the
 * department-profile and unit events: the `overview` field of `budget-disclosure/v1`.
 *
 * @module overview
 */
import type { BudgetState, Taxonomy } from "@ledger/domain"
import { Schema } from "effect"
import { toChineseNumeral } from "../narrative/chinese-numerals.ts"

/** The overview as the disclosure carries it. @category models */
export const Overview = Schema.Struct({
  duties: Schema.Array(Schema.String),
  units: Schema.Array(
    Schema.Struct({
      code: Schema.String,
      name: Schema.String,
      unitType: Schema.String,
      unitTypeName: Schema.String,
    }),
  ),
  organization: Schema.String,
})
/** @category models */
export type Overview = typeof Overview.Type

/**
 * Duties as recorded (renderers number them "(一)", "(二)" …), units in code order, and the
 * 机构设置 sentence with the count in Chinese numerals (两 for two, as written Chinese counts).
 * @category projections
 */
export const buildOverview = (state: BudgetState.BudgetState, taxonomy: Taxonomy.Taxonomy): Overview => {
  const units = [...state.units.values()]
    .sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0))
    .map((u) => ({
      code: u.unitCode,
      name: u.name,
      unitType: u.unitType,
      unitTypeName: taxonomy.unitTypeName(u.unitType),
    }))
  const count = units.length === 2 ? "两" : toChineseNumeral(units.length)
  const names = units.map((u) => u.name).join("、")
  // The bureau's own 机关 is not a 下属单位 of itself: name the whole as 预算单位 (含机关本级).
  const withOffice = state.profile !== undefined && units.some((u) => u.name === state.profile?.name)
  return {
    duties: state.profile?.duties ?? [],
    units,
    organization:
      units.length === 0
        ? "无"
        : withOffice
          ? `共有${count}个预算单位（含机关本级），分别为${names}`
          : `有${count}个下属单位，分别为${names}`,
  }
}
