/**
 * The typed errors `decide` returns when a command or event breaks a rule of the department-year
 * budget stream. Each names the offending field by its path in the event or command (`data.line.amount`),
 * so the API and the importer can point at the exact field of the exact line; none knows HTTP.
 *
 * @module Errors
 */
import { Data } from "effect"
import { notHeld } from "./Taxonomy.ts"

/** A function code the stream year's taxonomy does not have. @category errors */
export class UnknownFunctionCode extends Data.TaggedError("UnknownFunctionCode")<{
  readonly path: string
  readonly code: string
  readonly year: number
}> {
  override get message(): string {
    return `${this.path}: function code ${this.code} ${notHeld(this.year)}`
  }
}

/** A department or government economic code the stream year's taxonomy does not have. @category errors */
export class UnknownEconomicCode extends Data.TaggedError("UnknownEconomicCode")<{
  readonly path: string
  readonly code: string
  readonly year: number
  readonly classification: "dept-economic" | "gov-economic"
}> {
  override get message(): string {
    return `${this.path}: ${this.classification} code ${this.code} ${notHeld(this.year)}`
  }
}

/** A basic-expenditure line without its department economic code or 人员/公用 category. @category errors */
export class MissingEconomicCode extends Data.TaggedError("MissingEconomicCode")<{ readonly path: string }> {
  override get message(): string {
    return `${this.path}: a basic-expenditure line needs a department economic code and 人员/公用`
  }
}

/** An amount that is not a string of 元 with at most two decimals. @category errors */
export class MalformedAmount extends Data.TaggedError("MalformedAmount")<{
  readonly path: string
  readonly amount: unknown
}> {
  override get message(): string {
    return `${this.path}: ${JSON.stringify(this.amount)} is not an amount in 元 with at most two decimals`
  }
}

/** A line amount or moved amount of zero or less; an adjustment delta of zero. @category errors */
export class NonPositiveAmount extends Data.TaggedError("NonPositiveAmount")<{
  readonly path: string
  readonly amount: string
}> {
  override get message(): string {
    return `${this.path}: the amount must be above zero, got ${this.amount}`
  }
}

/** A unit not registered in this department's stream. @category errors */
export class UnknownUnit extends Data.TaggedError("UnknownUnit")<{
  readonly path: string
  readonly unitCode: string
}> {
  override get message(): string {
    return `${this.path}: unit ${this.unitCode} is not registered in this department`
  }
}

/** A project not registered in this department's stream. @category errors */
export class UnknownProject extends Data.TaggedError("UnknownProject")<{
  readonly path: string
  readonly projectId: string
}> {
  override get message(): string {
    return `${this.path}: project ${this.projectId} is not registered in this department`
  }
}

/** A project line booked to a unit other than the project's. @category errors */
export class ProjectOfAnotherUnit extends Data.TaggedError("ProjectOfAnotherUnit")<{
  readonly path: string
  readonly projectId: string
  readonly projectUnit: string
  readonly lineUnit: string
}> {
  override get message(): string {
    return `${this.path}: project ${this.projectId} belongs to unit ${this.projectUnit}, not ${this.lineUnit}`
  }
}

/** A line id already used in this stream. @category errors */
export class DuplicateLine extends Data.TaggedError("DuplicateLine")<{
  readonly path: string
  readonly lineId: string
}> {
  override get message(): string {
    return `${this.path}: line ${this.lineId} already exists`
  }
}

/** An adjustment naming a line the stream does not have. @category errors */
export class UnknownLine extends Data.TaggedError("UnknownLine")<{
  readonly path: string
  readonly lineId: string
}> {
  override get message(): string {
    return `${this.path}: line ${this.lineId} does not exist`
  }
}

/** An adjustment id already used in this stream. @category errors */
export class DuplicateAdjustment extends Data.TaggedError("DuplicateAdjustment")<{
  readonly path: string
  readonly adjustmentId: string
}> {
  override get message(): string {
    return `${this.path}: adjustment ${this.adjustmentId} was already recorded`
  }
}

/** An adjustment that would leave a line below zero. @category errors */
export class NegativeBalance extends Data.TaggedError("NegativeBalance")<{
  readonly path: string
  readonly lineId: string
  readonly balance: string
  readonly delta: string
}> {
  override get message(): string {
    return `${this.path}: line ${this.lineId} holds ${this.balance}; a change of ${this.delta} would leave it below zero`
  }
}

/** A reclassification moving more than its source line holds. @category errors */
export class ReclassificationExceedsLine extends Data.TaggedError("ReclassificationExceedsLine")<{
  readonly path: string
  readonly lineId: string
  readonly available: string
  readonly amount: string
}> {
  override get message(): string {
    return `${this.path}: cannot move ${this.amount} out of line ${this.lineId}, which holds ${this.available}`
  }
}

/** A funding source the rule does not allow here (三公 outside 财政拨款; a reclassification across sources). @category errors */
export class FundingSourceMismatch extends Data.TaggedError("FundingSourceMismatch")<{
  readonly path: string
  readonly fundingSource: string
  readonly expected: ReadonlyArray<string>
}> {
  override get message(): string {
    return `${this.path}: funding source ${this.fundingSource} is not allowed here; expected ${this.expected.join(" or ")}`
  }
}

/** A basic line tagged 三公 whose economic code is not that 三公 item's code. @category errors */
export class ThreePublicCodeMismatch extends Data.TaggedError("ThreePublicCodeMismatch")<{
  readonly path: string
  readonly category: string
  readonly deptEconomicCode: string
  readonly expected: ReadonlyArray<string>
}> {
  override get message(): string {
    return `${this.path}: 三公 ${this.category} on a basic line needs economic code ${this.expected.join(" or ")}, not ${this.deptEconomicCode}`
  }
}

/** A carryover whose origin year is not before the stream's year. @category errors */
export class CarryoverNotFromEarlierYear extends Data.TaggedError("CarryoverNotFromEarlierYear")<{
  readonly path: string
  readonly originYear: number
  readonly streamYear: number
}> {
  override get message(): string {
    return `${this.path}: a carryover into ${this.streamYear} must come from an earlier year, not ${this.originYear}`
  }
}

/** Prior-year figures for a year other than the one before the stream's. @category errors */
export class PriorYearMismatch extends Data.TaggedError("PriorYearMismatch")<{
  readonly path: string
  readonly year: number
  readonly streamYear: number
}> {
  override get message(): string {
    return `${this.path}: prior-year figures of a ${this.streamYear} stream are for ${this.streamYear - 1}, not ${this.year}`
  }
}

/** A unit code registered twice. @category errors */
export class DuplicateUnit extends Data.TaggedError("DuplicateUnit")<{
  readonly path: string
  readonly unitCode: string
}> {
  override get message(): string {
    return `${this.path}: unit ${this.unitCode} is already registered`
  }
}

/** A project id registered twice. @category errors */
export class DuplicateProject extends Data.TaggedError("DuplicateProject")<{
  readonly path: string
  readonly projectId: string
}> {
  override get message(): string {
    return `${this.path}: project ${this.projectId} is already registered`
  }
}

/** A department profile for another department than the stream's. @category errors */
export class DepartmentMismatch extends Data.TaggedError("DepartmentMismatch")<{
  readonly path: string
  readonly department: string
  readonly streamDepartment: string
}> {
  override get message(): string {
    return `${this.path}: the stream belongs to department ${this.streamDepartment}, not ${this.department}`
  }
}

/** The taxonomy handed to `decide` is not the stream year's. A wiring bug, reported rather than thrown. @category errors */
export class TaxonomyYearMismatch extends Data.TaggedError("TaxonomyYearMismatch")<{
  readonly path: string
  readonly taxonomyYear: number
  readonly streamYear: number
}> {
  override get message(): string {
    return `the ${this.taxonomyYear} taxonomy cannot check a ${this.streamYear} stream`
  }
}

/** A carryover naming an origin line the origin year of this department does not have. @category errors */
export class UnknownOriginLine extends Data.TaggedError("UnknownOriginLine")<{
  readonly path: string
  readonly originYear: number
  readonly lineId: string
}> {
  override get message(): string {
    return `${this.path}: line ${this.lineId} does not exist in ${this.originYear} of this department`
  }
}

/** A carryover larger than what its origin line's 年终结转 left to carry (less what was already carried). @category errors */
export class CarryoverExceedsOrigin extends Data.TaggedError("CarryoverExceedsOrigin")<{
  readonly path: string
  readonly originYear: number
  readonly lineId: string
  readonly available: string
  readonly amount: string
}> {
  override get message(): string {
    return `${this.path}: cannot carry ${this.amount} from line ${this.lineId} of ${this.originYear}; its year-end close leaves ${this.available} unspent to carry`
  }
}

/** A 年终结转 carrying more out of a line than the line holds, or less than the next year already carried in. @category errors */
export class YearEndCloseExceedsLine extends Data.TaggedError("YearEndCloseExceedsLine")<{
  readonly path: string
  readonly lineId: string
  readonly available: string
  readonly amount: string
}> {
  override get message(): string {
    return `${this.path}: cannot carry ${this.amount} out of line ${this.lineId}, which holds ${this.available}`
  }
}

/** A 年终结转 that would leave the next year's carryovers from a line without cover. @category errors */
export class YearEndCloseBelowCarried extends Data.TaggedError("YearEndCloseBelowCarried")<{
  readonly path: string
  readonly lineId: string
  readonly carried: string
  readonly amount: string
}> {
  override get message(): string {
    return `${this.path}: line ${this.lineId} closes with ${this.amount}, but the next year already carried ${this.carried} from it`
  }
}

/** Every error `decide` can return. @category errors */
export type DomainError =
  | UnknownFunctionCode
  | UnknownEconomicCode
  | MissingEconomicCode
  | MalformedAmount
  | NonPositiveAmount
  | UnknownUnit
  | UnknownProject
  | ProjectOfAnotherUnit
  | DuplicateLine
  | UnknownLine
  | DuplicateAdjustment
  | NegativeBalance
  | ReclassificationExceedsLine
  | FundingSourceMismatch
  | ThreePublicCodeMismatch
  | CarryoverNotFromEarlierYear
  | PriorYearMismatch
  | DuplicateUnit
  | DuplicateProject
  | DepartmentMismatch
  | TaxonomyYearMismatch
  | UnknownOriginLine
  | CarryoverExceedsOrigin
  | YearEndCloseExceedsLine
  | YearEndCloseBelowCarried
