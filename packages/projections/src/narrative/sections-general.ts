/**
 * Sections 五 to 八 of 情况说明: the current-year 一般公共预算 (scale, structure by function class,
 * basic spending by economic item), “三公” and 机关运行经费, each against last year's budget.
 *
 * @module narrative/sections-general
 */
import { type BudgetState, type Codes, Money } from "@ledger/domain"
import { Result } from "effect"
import {
  both,
  basic,
  current,
  fiscal,
  functionClass,
  type Line,
  source,
  sumBy,
  sumLines,
} from "./ledger-sums.ts"
import { className } from "./sections-budget.ts"
import type { ChartPoint, NarrativeSection, SectionContext } from "./types.ts"
import { change, reason, share, wan } from "./wording.ts"

const generalCurrent = both(source("general-budget"), current)

/** 五、一般公共预算支出情况说明: scale against last year, then structure by class with a pie chart. @category projections */
export const sectionFive = (ctx: SectionContext): NarrativeSection => {
  const { state } = ctx
  const g = wan(sumLines(state, generalCurrent))
  const prior = state.priorYear
  const scale =
    `${ctx.year}年度${ctx.department}一般公共预算当年支出${g}万元` +
    (prior === undefined ? "" : `，${change(g, wan(Money.make(prior.generalBudgetCurrent)))}`) +
    reason("主要原因是", state.notes.get("general-budget-change")) +
    "。"
  const classes = sumBy(state, generalCurrent, functionClass).filter(([, a]) => !Money.isZero(a))
  const series: Array<ChartPoint> = classes.map(([code, a]) => ({
    label: className(ctx, code),
    value: wan(a),
  }))
  const parts = series.map((p) => `${p.label}${p.value}万元，占${share(p.value, g)}%`)
  const structure =
    `${ctx.year}年度${ctx.department}一般公共预算当年支出${g}万元，主要用于以下方面：` +
    (parts.length === 0 ? "无。" : `${parts.join("；")}等。`)
  return {
    id: "五",
    title: "一般公共预算支出情况说明",
    text: [
      "(一) 一般公共预算当年支出规模变化情况",
      scale,
      "(二) 一般公共预算当年支出结构情况",
      structure,
    ].join("\n"),
    charts: [
      {
        id: "general-budget-structure",
        title: "一般公共预算当年拨款结构图",
        kind: "pie",
        unit: "万元",
        series,
      },
    ],
  }
}

const economicItems = (ctx: SectionContext, category: Codes.BasicCategory): string => {
  const keep = both(
    generalCurrent,
    basic,
    (l: Line) => l.line.expenditure.kind === "basic" && l.line.expenditure.category === category,
  )
  const codeOf = (l: Line): string =>
    l.line.expenditure.kind === "basic" ? l.line.expenditure.deptEconomicCode : ""
  return sumBy(ctx.state, keep, codeOf)
    .filter(([, a]) => !Money.isZero(a))
    .map(([code]) => {
      const r = ctx.taxonomy.deptEconomicName(code)
      return Result.isSuccess(r) ? r.success : code
    })
    .join("、")
}

const categoryAmount = (state: BudgetState.BudgetState, category: Codes.BasicCategory): string =>
  wan(
    sumLines(
      state,
      both(
        generalCurrent,
        (l) => l.line.expenditure.kind === "basic" && l.line.expenditure.category === category,
      ),
    ),
  )

/** 六、一般公共预算基本支出情况说明: 人员经费 and 公用经费 with the economic items they consist of. @category projections */
export const sectionSix = (ctx: SectionContext): NarrativeSection => {
  const { state, taxonomy } = ctx
  const total = wan(sumLines(state, both(generalCurrent, basic)))
  const line = (category: Codes.BasicCategory, end: string): string => {
    const items = economicItems(ctx, category)
    const head = `${taxonomy.basicCategoryName(category)}${categoryAmount(state, category)}万元`
    return items === "" ? `${head}${end}` : `${head}，主要包括：${items}等${end}`
  }
  return {
    id: "六",
    title: "一般公共预算基本支出情况说明",
    text: [
      `${ctx.year}年度${ctx.department}一般公共预算安排基本支出${total}万元，其中：`,
      line("personnel", "；"),
      line("public", "。"),
    ].join("\n"),
  }
}

/** Current-year 财政拨款 “三公” of one kind, in 元 (table 10). @category projections */
export const threePublic = (state: BudgetState.BudgetState, c: Codes.ThreePublicCategory): Money.Money =>
  sumLines(
    state,
    both(fiscal, current, (l) => l.line.threePublic === c),
  )

/**
 * 七、“三公”经费增减变动原因说明: table 10's current-year 财政拨款 “三公” against last year's, item by item,
 * with a bar chart of the three kinds.
 * @category projections
 */
export const sectionSeven = (ctx: SectionContext): NarrativeSection => {
  const { state, taxonomy } = ctx
  const abroad = threePublic(state, "abroad")
  const reception = threePublic(state, "reception")
  const purchase = threePublic(state, "vehicle-purchase")
  const operation = threePublic(state, "vehicle-operation")
  const vehicles = Money.add(purchase, operation)
  const total = Money.sum([abroad, reception, vehicles])
  const p = state.priorYear?.threePublic
  const py = state.priorYear?.year
  const item = (name: string, now: Money.Money, before: string | undefined): string =>
    `${name}${wan(now)}万元` + (before === undefined ? "" : `，${change(wan(now), wan(Money.make(before)))}`)
  const priorVehicles = p && Money.add(Money.make(p.vehiclePurchase), Money.make(p.vehicleOperation))
  const priorTotal =
    p && priorVehicles && Money.sum([Money.make(p.abroad), Money.make(p.reception), priorVehicles])
  const totalWords =
    priorTotal === undefined
      ? ""
      : Money.compare(Money.make(wan(total)), Money.make(wan(priorTotal))) === 0
        ? `与${py}年预算数相同`
        : `，${change(wan(total), wan(priorTotal), { against: `${py}年预算数`, same: `${py}年预算数` })}` +
          reason("原因是", state.notes.get("three-public-change"))
  const vehicleName = "公务用车购置及运行费"
  const text =
    `${ctx.year}年${ctx.department}财政拨款安排的“三公”经费预算${wan(total)}万元${totalWords}。其中：` +
    [
      item(taxonomy.threePublicName("abroad"), abroad, p?.abroad),
      item(taxonomy.threePublicName("reception"), reception, p?.reception),
      item(vehicleName, vehicles, priorVehicles),
    ].join("；") +
    "。" +
    [
      item(taxonomy.threePublicName("vehicle-operation"), operation, p?.vehicleOperation),
      item(taxonomy.threePublicName("vehicle-purchase"), purchase, p?.vehiclePurchase),
    ].join("；") +
    "。"
  const series: Array<ChartPoint> = [
    { label: taxonomy.threePublicName("abroad"), value: wan(abroad) },
    { label: taxonomy.threePublicName("reception"), value: wan(reception) },
    { label: vehicleName, value: wan(vehicles) },
  ]
  return {
    id: "七",
    title: "“三公”经费增减变动原因说明",
    text,
    charts: [{ id: "three-public-distribution", title: "三公经费分布图", kind: "bar", unit: "万元", series }],
  }
}

const OPERATING_UNIT_TYPES: ReadonlyArray<Codes.UnitType> = ["administrative", "civil-service-managed"]

/**
 * 机关运行经费 in 元: current-year 财政拨款 公用经费 of 行政 and 参公 units (domain.md §3), the figure
 * table 11 prints.
 * @category projections
 */
export const operatingCosts = (state: BudgetState.BudgetState): Money.Money =>
  sumLines(
    state,
    both(fiscal, current, (l) => {
      const unit = state.units.get(l.line.unitCode)
      return (
        l.line.expenditure.kind === "basic" &&
        l.line.expenditure.category === "public" &&
        unit !== undefined &&
        OPERATING_UNIT_TYPES.includes(unit.unitType)
      )
    }),
  )

/** 八、机关运行经费增减变动原因说明: against last year's budget, with the reason note. @category projections */
export const sectionEight = (ctx: SectionContext): NarrativeSection => {
  const { state } = ctx
  const now = wan(operatingCosts(state))
  // 机关运行经费 covers only 行政 and 参公 units (名词解释 四), so the sentence counts those units —
  // the units table 11 lists — not every unit of the department (domain.md §5.2 item 4).
  const covered = [...state.units.values()].filter((u) => OPERATING_UNIT_TYPES.includes(u.unitType)).length
  // A prior year without a stated 机关运行经费 gives no comparison (never "下降100.00%" against 0).
  const prior = state.priorYear
  const before = prior?.operatingCosts
  const compared =
    prior === undefined || before === undefined
      ? ""
      : `，${change(now, wan(Money.make(before)), {
          against: `${prior.year}年预算${wan(Money.make(before))}万元`,
          same: `${prior.year}年预算数`,
        })}`
  return {
    id: "八",
    title: "机关运行经费增减变动原因说明",
    text:
      `本部门${ctx.year}年下属${covered}家单位机关运行经费财政拨款预算${now}万元` +
      compared +
      reason("原因是", state.notes.get("operating-cost-change")) +
      "。",
  }
}
