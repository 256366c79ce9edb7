/**
 * The budget lines of a disclosure as open data: one flat record per line with every
 * classification code and its name, the unit, the funding source, the vintage (and, for a
 * carryover, the origin line) and the amount in 元. The Fiscal Data Package and the NDJSON export
 * are written from these records, so both say exactly what the document's cells sum.
 *
 * @module open-data
 */
import { type BudgetState, Codes, Taxonomy } from "@ledger/domain"
import { Result, Schema } from "effect"
import { selectEvents, type AsOf } from "./as-of.ts"
import { foldLogged } from "./disclosure.ts"
import type { LoggedEvent } from "./logged-event.ts"

/** One published budget line, flat (all strings; `""` where a field does not apply). @category models */
export const OpenDataLine = Schema.Struct({
  fiscalYear: Schema.Int,
  departmentCode: Schema.String,
  departmentName: Schema.String,
  unitCode: Schema.String,
  unitName: Schema.String,
  unitType: Schema.String,
  lineId: Schema.String,
  vintage: Schema.Literals(["current", "carryover"]),
  originYear: Schema.String,
  sourceLineId: Schema.String,
  fundingSource: Codes.FundingSource,
  fundingSourceName: Schema.String,
  functionClass: Schema.String,
  functionKuan: Schema.String,
  functionCode: Schema.String,
  functionName: Schema.String,
  expenditureKind: Schema.Literals(["basic", "project"]),
  basicCategory: Schema.String,
  projectId: Schema.String,
  projectName: Schema.String,
  deptEconomicCode: Schema.String,
  deptEconomicName: Schema.String,
  govEconomicCode: Schema.String,
  govEconomicName: Schema.String,
  threePublic: Schema.String,
  procurement: Schema.String,
  /** 元, two decimals, as a string. */
  amount: Schema.String,
})
/** @category models */
export type OpenDataLine = typeof OpenDataLine.Type

const nameOr = (r: Result.Result<string, unknown>): string => (Result.isSuccess(r) ? r.success : "")

/**
 * The lines of a folded state as open-data records, in line-id order. Lines at zero stay (a
 * reclassified-away line still says where money was).
 * @category projections
 */
export const openDataLines = (
  state: BudgetState.BudgetState,
  year: number,
  taxonomy: Taxonomy.Taxonomy,
): ReadonlyArray<OpenDataLine> => {
  const profile = state.profile
  return [...state.lines.values()]
    .sort((a, b) => (a.line.lineId < b.line.lineId ? -1 : a.line.lineId > b.line.lineId ? 1 : 0))
    .map((l) => {
      const { line } = l
      const x = line.expenditure
      const unit = state.units.get(line.unitCode)
      const project = x.kind === "project" ? state.projects.get(x.projectId) : undefined
      return {
        fiscalYear: year,
        departmentCode: profile?.departmentCode ?? "",
        departmentName: profile?.name ?? "",
        unitCode: line.unitCode,
        unitName: unit?.name ?? "",
        unitType: unit?.unitType ?? "",
        lineId: line.lineId,
        vintage: l.vintage,
        originYear: l.originYear === undefined ? "" : String(l.originYear),
        sourceLineId: l.sourceLineId ?? "",
        fundingSource: line.fundingSource,
        fundingSourceName: taxonomy.fundingSourceName(line.fundingSource),
        functionClass: line.functionCode.slice(0, 3),
        functionKuan: line.functionCode.slice(0, 5),
        functionCode: line.functionCode,
        functionName: nameOr(taxonomy.functionName(line.functionCode)),
        expenditureKind: x.kind,
        basicCategory: x.kind === "basic" ? x.category : "",
        projectId: x.kind === "project" ? x.projectId : "",
        projectName: project?.name ?? "",
        deptEconomicCode: x.deptEconomicCode ?? "",
        deptEconomicName:
          x.deptEconomicCode === undefined ? "" : nameOr(taxonomy.deptEconomicName(x.deptEconomicCode)),
        govEconomicCode: x.govEconomicCode ?? "",
        govEconomicName:
          x.govEconomicCode === undefined ? "" : nameOr(taxonomy.govEconomicName(x.govEconomicCode)),
        threePublic: line.threePublic ?? "",
        procurement: line.procurement ?? "",
        amount: l.amount,
      }
    })
}

/**
 * The open-data lines of a stream as of a point (the same selection a disclosure uses), or
 * undefined when the selection is empty or the year has no taxonomy.
 * @category projections
 */
export const openDataLinesAsOf = (
  events: ReadonlyArray<LoggedEvent>,
  year: number,
  asOf: AsOf,
): ReadonlyArray<OpenDataLine> | undefined => {
  const selected = selectEvents(events, asOf)
  const tx = Taxonomy.forYear(year)
  if (Result.isFailure(selected) || Result.isFailure(tx)) return undefined
  return openDataLines(foldLogged(selected.success), year, tx.success)
}
