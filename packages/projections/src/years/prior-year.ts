/**
 * The prior-year figures the narrative compares with (sections 一, 五, 七, 八), read from the
 * prior year's published disclosure when the ledger holds it, so year N+1 quotes what year N
 * actually published rather than a figure typed in again. `PriorYearBudgetRecorded` remains the
 * fallback for a ledger that starts later; the document names which source it used.
 *
 * @module years/prior-year
 */
import type { BudgetState } from "@ledger/domain"
import { Schema } from "effect"
import { all, both, current, sumLines, source } from "../narrative/ledger-sums.ts"
import { operatingCosts, threePublic } from "../narrative/sections-general.ts"

/** The figures a narrative compares with: the payload of `PriorYearBudgetRecorded`. @category models */
export type PriorYearFigures = NonNullable<BudgetState.BudgetState["priorYear"]>

/**
 * Where the prior-year figures of a document came from: the prior year's publication in this
 * ledger (with that document's hash), or the recorded `PriorYearBudgetRecorded` event.
 * @category models
 */
export const PriorYearSource = Schema.Union([
  Schema.Struct({
    kind: Schema.Literal("publication"),
    year: Schema.Int,
    documentHash: Schema.String,
  }),
  Schema.Struct({ kind: Schema.Literal("recorded"), year: Schema.Int }),
])
/** @category models */
export type PriorYearSource = typeof PriorYearSource.Type

/** The prior year's publication as the ledger holds it: its state as published and its document hash. @category models */
export interface PriorYearPublication {
  readonly year: number
  readonly documentHash: string
  readonly state: BudgetState.BudgetState
}

/**
 * The comparison figures of a year as its published state shows them, in 元: 收入总计 and 支出总计
 * (every line), 一般公共预算当年, the four “三公” items and 机关运行经费 — the same selections the
 * narrative of that year printed.
 * @category projections
 */
export const priorYearFigures = (state: BudgetState.BudgetState, year: number): PriorYearFigures => {
  const total = sumLines(state, all)
  return {
    year,
    incomeTotal: total,
    expenditureTotal: total,
    generalBudgetCurrent: sumLines(state, both(source("general-budget"), current)),
    threePublic: {
      abroad: threePublic(state, "abroad"),
      reception: threePublic(state, "reception"),
      vehiclePurchase: threePublic(state, "vehicle-purchase"),
      vehicleOperation: threePublic(state, "vehicle-operation"),
    },
    operatingCosts: operatingCosts(state),
  }
}

/**
 * The state the narrative reads, and the source to print: the publication's figures when there is
 * one for the year before, else the recorded event's (or none).
 * @category projections
 */
export const withPriorYear = (
  state: BudgetState.BudgetState,
  year: number,
  publication: PriorYearPublication | undefined,
): { readonly state: BudgetState.BudgetState; readonly source: PriorYearSource | undefined } => {
  if (publication !== undefined && publication.year === year - 1) {
    return {
      state: { ...state, priorYear: priorYearFigures(publication.state, publication.year) },
      source: { kind: "publication", year: publication.year, documentHash: publication.documentHash },
    }
  }
  return {
    state,
    source: state.priorYear === undefined ? undefined : { kind: "recorded", year: state.priorYear.year },
  }
}
