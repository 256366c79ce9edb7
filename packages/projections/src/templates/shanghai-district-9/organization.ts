/**
 * 部门主要职能 and 机构设置 of the Shanghai district template: the duties as recorded, then the bodies
 * of the department counted by type ("行政单位一家，行政执法机构一家"), listed, and for a body that
 * works with a unit and has no budget of its own, the sentence that says so.
 *
 * @module templates/shanghai-district-9/organization
 */
import type { BudgetState, DisclosureFacts } from "@ledger/domain"
import { toChineseNumeral } from "../../narrative/chinese-numerals.ts"
import type { Overview } from "../../overview/build-overview.ts"

/** A count as the template writes it: "一家", "两家" … @category formatting */
export const chineseCount = (n: number): string => (n === 2 ? "两" : toChineseNumeral(n))

const TYPE_WORDS: Record<DisclosureFacts.BodyType, string> = {
  administrative: "行政单位",
  "civil-service-managed": "参照公务员法管理的事业单位",
  "public-institution": "事业单位",
  "law-enforcement": "行政执法机构",
}

/** The overview: duties and the 机构设置 paragraph. @category projections */
export const shanghaiOverview = (state: BudgetState.BudgetState): Overview => {
  const dept = state.profile?.name ?? ""
  const units = [...state.units.values()].sort((a, b) => a.order - b.order)
  const bodies = [
    ...units.map((u) => ({
      name: u.name,
      bodyType: u.unitType,
      budgetedWith: undefined,
    })),
    ...state.facts.bodies,
  ]
  const counts = (Object.keys(TYPE_WORDS) as Array<DisclosureFacts.BodyType>)
    .map((t) => [t, bodies.filter((b) => b.bodyType === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${TYPE_WORDS[t]}${chineseCount(n)}家`)
  const merged = state.facts.bodies.flatMap((b) => {
    const unit = b.budgetedWith === undefined ? undefined : state.units.get(b.budgetedWith)
    return unit === undefined
      ? []
      : [`需要说明的是，${b.name}与${unit.name.replace(dept, "局")}合署办公，不单列预算。`]
  })
  return {
    duties: state.profile?.duties ?? [],
    units: units.map((u) => ({
      code: u.unitCode,
      name: u.name,
      unitType: u.unitType,
      unitTypeName: TYPE_WORDS[u.unitType],
    })),
    organization: [
      `${dept}部门预算包括${units.map((u) => u.name).join("、")}的综合收支计划。`,
      `本部门中，${counts.join("，")}，具体包括：`,
      ...bodies.map((b, i) => `${i + 1}.${b.name}`),
      ...merged,
    ].join("\n"),
  }
}
