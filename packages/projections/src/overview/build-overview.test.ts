import { BudgetState, Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { buildOverview } from "./build-overview.ts"

const taxonomy = Result.getOrThrow(Taxonomy.forYear(2026))
const unit = (unitCode: string, name: string, unitType: "administrative" | "public-institution") =>
  ({ event: { type: "UnitRegistered", data: { unitCode, name, unitType } } }) as const

describe("buildOverview", () => {
  it("lists duties as recorded and units in code order with the count in Chinese", () => {
    const state = BudgetState.fold([
      {
        event: {
          type: "DepartmentProfileRecorded",
          data: {
            departmentCode: "9",
            name: "测试局",
            regionName: "测试区",
            template: "shanxi-county-13",
            duties: ["甲。", "乙。"],
          },
        },
      },
      unit("U2", "乙中心", "public-institution"),
      unit("U1", "测试局机关", "administrative"),
    ])
    const o = buildOverview(state, taxonomy)
    expect(o.duties).toEqual(["甲。", "乙。"])
    expect(o.units.map((u) => u.code)).toEqual(["U1", "U2"])
    expect(o.units[1]?.unitTypeName).toBe("事业单位")
    expect(o.organization).toBe("有两个下属单位，分别为测试局机关、乙中心")
  })

  it("does not count the bureau among its own 下属单位: the whole is 预算单位 (含机关本级)", () => {
    const profile = {
      event: {
        type: "DepartmentProfileRecorded",
        data: {
          departmentCode: "105",
          name: "示例县农业农村局",
          regionName: "示例县",
          template: "shanxi-county-13",
          duties: [],
        },
      },
    } as const
    const o = buildOverview(
      BudgetState.fold([
        profile,
        unit("U1", "示例县农业农村局", "administrative"),
        unit("U2", "示例县农业技术推广中心", "public-institution"),
      ]),
      taxonomy,
    )
    expect(o.organization).toBe(
      "共有两个预算单位（含机关本级），分别为示例县农业农村局、示例县农业技术推广中心",
    )
    expect(o.organization).not.toContain("下属单位")
  })

  it("says 无 before any unit is registered", () => {
    expect(buildOverview(BudgetState.initialState, taxonomy)).toEqual({
      duties: [],
      units: [],
      organization: "无",
    })
  })
})
