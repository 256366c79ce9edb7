/**
 * `decide` for a department-year budget stream: checks a command (or an already-formed event, for
 * the importer and the API) against the current state and that year's taxonomy, and returns the
 * events to append or the first broken rule as a typed error naming the field. Pure: no clock, no
 * I/O; the same inputs always give the same answer.
 *
 * @module decide
 */
import { Result } from "effect"
import * as Cmd from "./BudgetCommand.ts"
import type * as E from "./BudgetEvent.ts"
import type { BudgetLine } from "./BudgetLine.ts"
import { type BudgetState, folder, hasAdjustment } from "./BudgetState.ts"
import { lineFields } from "./internal/LineStore.ts"
import { FISCAL_APPROPRIATION_SOURCES } from "./Codes.ts"
import { checkCarryoverLink, checkYearEnd, type YearsContext } from "./decide-years.ts"
import * as Err from "./Errors.ts"
import * as Money from "./Money.ts"
import type { Taxonomy } from "./Taxonomy.ts"

/**
 * What `decide` needs besides the state: the stream's identity, its year's taxonomy and, for the
 * rules that link years (上年结转 ↔ 年终结转), the department's neighbouring years the ledger holds.
 * @category models
 */
export interface DecideContext {
  readonly taxonomy: Taxonomy
  readonly streamYear: number
  readonly department: string
  readonly years?: YearsContext | undefined
}

export type { YearsContext } from "./decide-years.ts"

type Check = Result.Result<void, Err.DomainError>
const ok: Check = Result.void
const fail = (e: Err.DomainError): Check => Result.fail(e)
/** The first failing check, evaluated lazily in order. */
const first = (...checks: ReadonlyArray<() => Check>): Check => {
  for (const c of checks) {
    const r = c()
    if (Result.isFailure(r)) return r
  }
  return ok
}

const positiveAmount = (path: string, amount: string): Check => {
  const m = Money.parse(amount)
  if (Result.isFailure(m)) return fail(new Err.MalformedAmount({ path, amount }))
  return Money.isPositive(m.success) ? ok : fail(new Err.NonPositiveAmount({ path, amount }))
}

const deptCode = (ctx: DecideContext, path: string, code: string): Check =>
  /^\d{5}$/.test(code) && Result.isSuccess(ctx.taxonomy.deptEconomicName(code))
    ? ok
    : fail(new Err.UnknownEconomicCode({ path, code, year: ctx.streamYear, classification: "dept-economic" }))

const govCode = (ctx: DecideContext, path: string, code: string): Check =>
  /^\d{5}$/.test(code) && Result.isSuccess(ctx.taxonomy.govEconomicName(code))
    ? ok
    : fail(new Err.UnknownEconomicCode({ path, code, year: ctx.streamYear, classification: "gov-economic" }))

/** Every rule a new budget line must satisfy; `path` is where the line sits (`data.line`). */
const checkLine = (line: BudgetLine, state: BudgetState, ctx: DecideContext, path: string): Check => {
  const x = line.expenditure
  return first(
    () =>
      lineFields(state, line.lineId) !== undefined
        ? fail(new Err.DuplicateLine({ path: `${path}.lineId`, lineId: line.lineId }))
        : ok,
    () => positiveAmount(`${path}.amount`, line.amount),
    () =>
      state.units.has(line.unitCode)
        ? ok
        : fail(new Err.UnknownUnit({ path: `${path}.unitCode`, unitCode: line.unitCode })),
    () =>
      /^\d{7}$/.test(line.functionCode) && Result.isSuccess(ctx.taxonomy.functionName(line.functionCode))
        ? ok
        : fail(
            new Err.UnknownFunctionCode({
              path: `${path}.functionCode`,
              code: line.functionCode,
              year: ctx.streamYear,
            }),
          ),
    () => {
      if (x.kind === "basic") {
        if (!x.deptEconomicCode || !x.category)
          return fail(new Err.MissingEconomicCode({ path: `${path}.expenditure` }))
        return ok
      }
      const project = state.projects.get(x.projectId)
      if (project === undefined) {
        return fail(new Err.UnknownProject({ path: `${path}.expenditure.projectId`, projectId: x.projectId }))
      }
      return project.unitCode === line.unitCode
        ? ok
        : fail(
            new Err.ProjectOfAnotherUnit({
              path: `${path}.expenditure.projectId`,
              projectId: x.projectId,
              projectUnit: project.unitCode,
              lineUnit: line.unitCode,
            }),
          )
    },
    () =>
      x.deptEconomicCode === undefined
        ? ok
        : deptCode(ctx, `${path}.expenditure.deptEconomicCode`, x.deptEconomicCode),
    () =>
      x.govEconomicCode === undefined
        ? ok
        : govCode(ctx, `${path}.expenditure.govEconomicCode`, x.govEconomicCode),
    () => {
      const tp = line.threePublic
      if (tp === undefined) return ok
      if (!FISCAL_APPROPRIATION_SOURCES.includes(line.fundingSource)) {
        return fail(
          new Err.FundingSourceMismatch({
            path: `${path}.fundingSource`,
            fundingSource: line.fundingSource,
            expected: FISCAL_APPROPRIATION_SOURCES,
          }),
        )
      }
      const codes = ctx.taxonomy.threePublicCodes(tp)
      return x.kind === "basic" && !codes.includes(x.deptEconomicCode)
        ? fail(
            new Err.ThreePublicCodeMismatch({
              path: `${path}.expenditure.deptEconomicCode`,
              category: tp,
              deptEconomicCode: x.deptEconomicCode,
              expected: codes,
            }),
          )
        : ok
    },
  )
}

type Adjustment = E.BudgetEvent & { readonly type: "AdjustmentRecorded" }

/** Rules of 追加/追减 and 调剂; `changePath` is `data.change` for events and `data` for commands. */
const checkAdjustment = (
  ev: Adjustment,
  state: BudgetState,
  ctx: DecideContext,
  changePath: string,
): Check => {
  const { adjustmentId, change } = ev.data
  return first(
    () =>
      hasAdjustment(state, adjustmentId)
        ? fail(new Err.DuplicateAdjustment({ path: "data.adjustmentId", adjustmentId }))
        : ok,
    () => {
      if (change.kind === "amount") {
        const line = lineFields(state, change.lineId)
        if (line === undefined)
          return fail(new Err.UnknownLine({ path: `${changePath}.lineId`, lineId: change.lineId }))
        const delta = Money.parse(change.delta)
        const path = `${changePath}.delta`
        if (Result.isFailure(delta)) return fail(new Err.MalformedAmount({ path, amount: change.delta }))
        if (Money.isZero(delta.success))
          return fail(new Err.NonPositiveAmount({ path, amount: change.delta }))
        return Money.isNegative(Money.add(line.amount, delta.success))
          ? fail(
              new Err.NegativeBalance({
                path,
                lineId: change.lineId,
                balance: line.amount,
                delta: delta.success,
              }),
            )
          : ok
      }
      const source = lineFields(state, change.fromLineId)
      if (source === undefined) {
        return fail(new Err.UnknownLine({ path: `${changePath}.fromLineId`, lineId: change.fromLineId }))
      }
      const to = change.toLine
      const toPath = `${changePath}.toLine`
      return first(
        () => checkLine(to, state, ctx, toPath),
        () =>
          to.fundingSource === source.line.fundingSource
            ? ok
            : fail(
                new Err.FundingSourceMismatch({
                  path: `${toPath}.fundingSource`,
                  fundingSource: to.fundingSource,
                  expected: [source.line.fundingSource],
                }),
              ),
        () =>
          Money.compare(Money.make(to.amount), source.amount) > 0
            ? fail(
                new Err.ReclassificationExceedsLine({
                  path: `${toPath}.amount`,
                  lineId: change.fromLineId,
                  available: source.amount,
                  amount: Money.make(to.amount),
                }),
              )
            : ok,
      )
    },
  )
}

const checkEvent = (
  event: E.BudgetEvent,
  state: BudgetState,
  ctx: DecideContext,
  changePath: string,
): Check => {
  if (ctx.taxonomy.year !== ctx.streamYear) {
    return fail(
      new Err.TaxonomyYearMismatch({ path: "", taxonomyYear: ctx.taxonomy.year, streamYear: ctx.streamYear }),
    )
  }
  switch (event.type) {
    case "AppropriationRecorded":
      return checkLine(event.data.line, state, ctx, "data.line")
    case "CarryoverRecorded":
      return first(
        () =>
          event.data.originYear < ctx.streamYear
            ? ok
            : fail(
                new Err.CarryoverNotFromEarlierYear({
                  path: "data.originYear",
                  originYear: event.data.originYear,
                  streamYear: ctx.streamYear,
                }),
              ),
        () => checkLine(event.data.line, state, ctx, "data.line"),
        () => checkCarryoverLink(event.data, state, ctx.years),
      )
    case "YearEndClosed":
      return checkYearEnd(event.data, state, ctx.streamYear, ctx.years)
    case "AdjustmentRecorded":
      return checkAdjustment(event, state, ctx, changePath)
    case "DepartmentProfileRecorded":
      return event.data.departmentCode === ctx.department
        ? ok
        : fail(
            new Err.DepartmentMismatch({
              path: "data.departmentCode",
              department: event.data.departmentCode,
              streamDepartment: ctx.department,
            }),
          )
    case "UnitRegistered":
      return state.units.has(event.data.unitCode)
        ? fail(new Err.DuplicateUnit({ path: "data.unitCode", unitCode: event.data.unitCode }))
        : ok
    case "ProjectRegistered":
      return first(
        () =>
          state.projects.has(event.data.projectId)
            ? fail(new Err.DuplicateProject({ path: "data.projectId", projectId: event.data.projectId }))
            : ok,
        () =>
          state.units.has(event.data.unitCode)
            ? ok
            : fail(new Err.UnknownUnit({ path: "data.unitCode", unitCode: event.data.unitCode })),
      )
    case "PerformanceTargetsRecorded":
      return state.projects.has(event.data.projectId)
        ? ok
        : fail(new Err.UnknownProject({ path: "data.projectId", projectId: event.data.projectId }))
    case "UnitOverallTargetsRecorded":
      return state.units.has(event.data.unitCode)
        ? ok
        : fail(new Err.UnknownUnit({ path: "data.unitCode", unitCode: event.data.unitCode }))
    case "PriorYearBudgetRecorded":
      return event.data.year === ctx.streamYear - 1
        ? ok
        : fail(
            new Err.PriorYearMismatch({
              path: "data.year",
              year: event.data.year,
              streamYear: ctx.streamYear,
            }),
          )
    case "NarrativeNoteRecorded":
    case "AssetHoldingsRecorded":
    case "DisclosurePublished":
    case "FunctionPurposeRecorded":
    case "ItemReasonRecorded":
    case "ProcurementReservationRecorded":
    case "VehicleFleetRecorded":
    case "PlannedPurchasesRecorded":
    case "PerformanceSummaryRecorded":
    case "OrganizationBodyRecorded":
      return ok
  }
}

/**
 * Validates an event that arrives already formed (an NDJSON line, an API batch element) against
 * the same rules as {@link decide}; the error paths are the event's own (`data.change.lineId`).
 * @category decide
 */
export const decideEvent = (
  event: E.BudgetEvent,
  state: BudgetState,
  ctx: DecideContext,
): Result.Result<ReadonlyArray<E.BudgetEvent>, Err.DomainError> =>
  Result.map(checkEvent(event, state, ctx, "data.change"), () => [event])

/**
 * Decides a command: the events to append, or the first broken rule. Error paths are the command's
 * (`data.lineId` for `AdjustLine`).
 * @category decide
 */
export const decide = (
  command: Cmd.BudgetCommand,
  state: BudgetState,
  ctx: DecideContext,
): Result.Result<ReadonlyArray<E.BudgetEvent>, Err.DomainError> => {
  const event = Cmd.toEvent(command)
  return Result.map(checkEvent(event, state, ctx, "data"), () => [event])
}

/** A batch element that broke a rule: its index in the batch and the error. @category errors */
export interface BatchRejection {
  readonly index: number
  readonly error: Err.DomainError
}

/**
 * Checks a batch of events in order, each against the state the earlier ones produce, as the store
 * will append them; all or nothing. Returns the state after the batch.
 * @category decide
 */
export const decideBatch = (
  events: Iterable<E.BudgetEvent>,
  state: BudgetState,
  ctx: DecideContext,
): Result.Result<BudgetState, BatchRejection> => {
  const run = folder(state)
  let index = 0
  for (const event of events) {
    const r = checkEvent(event, run.state(), ctx, "data.change")
    if (Result.isFailure(r)) return Result.fail({ index, error: r.failure })
    run.apply(event)
    index++
  }
  return Result.succeed(run.done())
}
