/**
 * The narrative on a small synthetic department: the wording branches the reference fixture never
 * reaches (increases, procurement, missing prior-year figures and assets), with figures worked out
 * by hand from the events below.
 */
import { BudgetState, type BudgetEvent, Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { buildNarrative } from "./build-narrative.ts"

const taxonomy = Result.getOrThrow(Taxonomy.forYear(2026))
type Line = Extract<BudgetEvent.BudgetEvent, { type: "AppropriationRecorded" }>["data"]["line"]
const line = (lineId: string, amount: string, extra: Partial<Line> = {}): BudgetEvent.BudgetEvent => ({
  type: "AppropriationRecorded",
  data: {
    line: {
      lineId,
      unitCode: "U1",
      fundingSource: "general-budget",
      functionCode: "2010301",
      expenditure: { kind: "basic", category: "public", deptEconomicCode: "30201" },
      amount,
      ...extra,
    },
  },
})
const base: ReadonlyArray<BudgetEvent.BudgetEvent> = [
  {
    type: "DepartmentProfileRecorded",
    data: {
      departmentCode: "9",
      name: "测试局",
      regionName: "测试区",
      template: "shanxi-county-13",
      duties: ["甲。"],
    },
  },
  { type: "UnitRegistered", data: { unitCode: "U1", name: "测试局机关", unitType: "administrative" } },
  { type: "UnitRegistered", data: { unitCode: "U2", name: "测试中心", unitType: "public-institution" } },
  {
    type: "ProjectRegistered",
    data: {
      projectId: "P1",
      unitCode: "U2",
      name: "系统运维",
      category: "specific-target",
      life: "one-off",
      periodYears: 1,
    },
  },
  line("a", "100000.00"), // 10.00 万元 公用经费 of an administrative unit
  line("b", "50000.00", { unitCode: "U2" }), // 公用经费 of a 事业单位: not 机关运行经费
  line("c", "30000.00", { threePublic: "vehicle-operation" }),
  line("d", "20000.00", {
    unitCode: "U2",
    functionCode: "2010399",
    expenditure: { kind: "project", projectId: "P1" },
    procurement: "services",
  }),
]
const narrate = (events: ReadonlyArray<BudgetEvent.BudgetEvent>) =>
  new Map(
    buildNarrative({ state: BudgetState.fold(events.map((event) => ({ event }))), year: 2026, taxonomy }).map(
      (s) => [s.id, s.text],
    ),
  )

describe("buildNarrative on synthetic events", () => {
  const withPrior = narrate([
    ...base,
    {
      type: "PriorYearBudgetRecorded",
      data: {
        year: 2025,
        incomeTotal: "160000.00",
        expenditureTotal: "200000.00",
        generalBudgetCurrent: "200000.00",
        threePublic: {
          abroad: "0.00",
          reception: "10000.00",
          vehiclePurchase: "0.00",
          vehicleOperation: "30000.00",
        },
        operatingCosts: "130000.00",
      },
    },
    { type: "NarrativeNoteRecorded", data: { topic: "three-public-change", text: "接待减少。" } },
  ])

  it("states increases and decreases against last year's budget", () => {
    // 收入总计 20.00 against 16.00: +4.00, 25.00%; 支出总计 against 20.00: unchanged
    expect(withPrior.get("一")).toContain(
      "预算收入总计20.00万元，其中：本年收入20.00万元，上年结转0.00万元，比上年增加4.00万元，增长25.00%",
    )
    expect(withPrior.get("一")).toContain(
      "本年部门预算支出总计20.00万元，其中：本年预算安排20.00万元，上年结转0.00万元，与上年预算数相同。",
    )
  })

  it("counts 机关运行经费 of 行政 and 参公 units only", () => {
    // 10.00 + 3.00 of U1; U2's 5.00 is a 事业单位's
    expect(withPrior.get("八")).toBe(
      "本部门2026年下属1家单位机关运行经费财政拨款预算13.00万元，与2025年预算数相同。",
    )
  })

  it("states a “三公” change with its reason", () => {
    expect(withPrior.get("七")).toContain(
      "“三公”经费预算3.00万元，比2025年预算数减少1.00万元，下降25.00%，原因是接待减少。",
    )
    expect(withPrior.get("七")).toContain("公务接待费0.00万元，比上年减少1.00万元，下降100.00%")
  })

  it("sums procurement by category and projects by category", () => {
    expect(withPrior.get("九")).toContain(
      "政府采购预算总额2.00万元。其中：政府采购货物预算0.00万元、政府采购工程预算0.00万元、政府采购服务预算2.00万元。",
    )
    expect(withPrior.get("十")).toContain(
      "纳入绩效目标管理的二级项目1个，共计金额2.00万元。其中：其他运转类项目0个，涉及金额0.00万元；特定目标类项目1个，涉及金额2.00万元。",
    )
    expect(withPrior.get("十")).toContain(
      "公开项目绩效目标0个，涉及项目金额0.00万元，占部门(单位)项目支出总额的0.00%",
    )
  })

  it("leaves out comparisons without prior-year figures and says 无 without assets or notes", () => {
    const bare = narrate(base)
    expect(bare.get("一")).not.toContain("比上年")
    expect(bare.get("八")).toBe("本部门2026年下属1家单位机关运行经费财政拨款预算13.00万元。")
    expect(bare.get("十一")).toBe("无")
    expect(bare.get("十二")).toBe("（一）政府购买服务指导性目录\n无\n（二）其他\n无")
  })
})
