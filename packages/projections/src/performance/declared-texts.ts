/**
 * The declared part of a 绩效目标表, shared by every template's form: the unit's texts, goals and
 * indicators and who filled it in, printed as recorded (an undeclared optional field prints empty,
 * never an invented value).
 *
 * @module performance/declared-texts
 */
import type { BudgetState } from "@ledger/domain"
import type { PerformanceTargetTable } from "./schema.ts"

type Targets = NonNullable<ReturnType<BudgetState.BudgetState["performanceTargets"]["get"]>>

/** The fields of a performance table that are the unit's declarations, as printed. @category projections */
export const declaredTexts = (
  t: Targets,
): Pick<
  PerformanceTargetTable,
  | "overview"
  | "basis"
  | "necessity"
  | "measures"
  | "plan"
  | "implementationGoal"
  | "annualGoal"
  | "indicators"
  | "responsible"
  | "handler"
  | "phone"
  | "filledAt"
> => ({
  overview: t.overview,
  basis: t.basis,
  necessity: t.necessity,
  measures: t.measures,
  plan: t.plan,
  implementationGoal: t.implementationGoal,
  annualGoal: t.annualGoal,
  indicators: t.indicators.map((i) => ({
    level1: i.level1,
    level2: i.level2,
    level3: i.level3 ?? "",
    value: i.value ?? "",
    annualLevel2: i.level2,
    annualLevel3: i.annualLevel3 ?? "",
    annualValue: i.annualValue ?? "",
  })),
  responsible: t.responsible ?? "",
  handler: t.handler ?? "",
  phone: t.phone ?? "",
  filledAt: t.filledAt ?? "",
})
