/**
 * Facts the chengguan document states but another department may not: without them the Shanghai
 * document prints no 0 and no comparison in their place — no "比2025年…" or "持平" without a
 * recorded 2025 figure, no SME sentence, no 绩效目标设置情况 or 国有资产 part, no project explanation
 * or form — while everything derived from the lines is still printed.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../../as-of.ts"
import { buildDisclosure } from "../../disclosure.ts"
import { readNdjson, shanghaiFixturePath } from "../../testing/fixture.ts"
import { toLogged } from "../../testing/logged.ts"

const all = readNdjson(shanghaiFixturePath)
type Enveloped = (typeof all)[number]
/** The fixture with each event mapped (undefined drops it), on a copy. */
const build = (map: (e: Enveloped) => Enveloped | undefined) => {
  const events = structuredClone(all).flatMap((e) => map(e) ?? [])
  const built = buildDisclosure(toLogged(events), AsOf.published)
  if (Result.isFailure(built)) throw new Error(built.failure.message)
  return built.success
}
const text = (d: ReturnType<typeof build>, id: string) => d.narrative.find((s) => s.id === id)?.text ?? ""

const OPTIONAL = [
  "PriorYearBudgetRecorded",
  "ProcurementReservationRecorded",
  "VehicleFleetRecorded",
  "PlannedPurchasesRecorded",
  "PerformanceSummaryRecorded",
  "PerformanceTargetsRecorded",
  "ItemReasonRecorded",
]

describe("shanghai-district-9 without the optional facts", () => {
  const bare = build((e) => (OPTIONAL.includes(e.event.type) ? undefined : e))

  it("compares with no 2025 figure and invents no reason", () => {
    for (const id of ["四", "六"]) expect(text(bare, id)).not.toMatch(/2025年|持平|增加|减少|主要原因/)
    expect(text(bare, "四")).toContain("收入预算4748.35万元")
    expect(text(bare, "六")).toContain("“三公”经费预算数为114.22万元。")
  })

  it("leaves out the parts whose facts were not recorded instead of printing 0", () => {
    const other = text(bare, "六")
    expect(other).not.toContain("中小企业")
    expect(other).not.toContain("绩效目标设置情况")
    expect(other).not.toContain("国有资产占有使用情况")
    expect(other).toContain("政府采购预算595.28万元")
    expect(bare.narrative.map((s) => s.id)).toEqual(["四", "六"])
    expect(bare.performanceTargets).toEqual([])
  })

  it("a 2025 budget without its “三公” compares the totals but not the “三公” items", () => {
    const d = build((e) => {
      if (e.event.type !== "PriorYearBudgetRecorded") return OPTIONAL.includes(e.event.type) ? undefined : e
      const { threePublic: _, ...rest } = e.event.data
      return { ...e, event: { ...e.event, data: rest } }
    })
    expect(text(d, "四")).toContain("比2025年预算减少19.79万元")
    expect(text(d, "六").split("二、")[0]).not.toMatch(/2025年|持平/)
  })
})
