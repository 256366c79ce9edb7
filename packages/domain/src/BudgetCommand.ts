/**
 * The commands of a department-year budget stream: what a person or finance system asks for, in the
 * imperative. Each command maps to exactly one event with the same payload, so the command and the
 * event path share one set of rules (`decide`), and an error names the same field either way.
 *
 * @module BudgetCommand
 */
import { Schema } from "effect"
import * as E from "./BudgetEvent.ts"
import { BudgetLine } from "./BudgetLine.ts"
import { Identifier, NonEmptyText } from "./Codes.ts"
import { SignedAmount } from "./Money.ts"

const command = <T extends string, D extends Schema.Top>(type: T, data: D) =>
  Schema.Struct({ type: Schema.Literal(type), data })

const DocumentNumber = E.AdjustmentRecorded.fields.data.fields.documentNumber

/** 预算安排: record a current-year budget line. @category commands */
export const RecordAppropriation = command("RecordAppropriation", E.AppropriationRecorded.fields.data)
/** 上年结转: record money carried in from an earlier year. @category commands */
export const RecordCarryover = command("RecordCarryover", E.CarryoverRecorded.fields.data)
/** 追加 / 追减: change one line by a signed amount. @category commands */
export const AdjustLine = command(
  "AdjustLine",
  Schema.Struct({
    adjustmentId: Identifier,
    reason: NonEmptyText,
    documentNumber: DocumentNumber,
    lineId: Identifier,
    delta: SignedAmount,
  }),
)
/** 调剂 / 调整: move part of a line to a new line with other dimensions. @category commands */
export const ReclassifyLine = command(
  "ReclassifyLine",
  Schema.Struct({
    adjustmentId: Identifier,
    reason: NonEmptyText,
    documentNumber: DocumentNumber,
    fromLineId: Identifier,
    toLine: BudgetLine,
  }),
)
/** @category commands */
export const RecordDepartmentProfile = command(
  "RecordDepartmentProfile",
  E.DepartmentProfileRecorded.fields.data,
)
/** @category commands */
export const RegisterUnit = command("RegisterUnit", E.UnitRegistered.fields.data)
/** @category commands */
export const RegisterProject = command("RegisterProject", E.ProjectRegistered.fields.data)
/** @category commands */
export const RecordPerformanceTargets = command(
  "RecordPerformanceTargets",
  E.PerformanceTargetsRecorded.fields.data,
)
/** @category commands */
export const RecordUnitOverallTargets = command(
  "RecordUnitOverallTargets",
  E.UnitOverallTargetsRecorded.fields.data,
)
/** @category commands */
export const RecordPriorYearBudget = command("RecordPriorYearBudget", E.PriorYearBudgetRecorded.fields.data)
/** @category commands */
export const RecordNarrativeNote = command("RecordNarrativeNote", E.NarrativeNoteRecorded.fields.data)
/** @category commands */
export const RecordAssetHoldings = command("RecordAssetHoldings", E.AssetHoldingsRecorded.fields.data)
/** @category commands */
export const PublishDisclosure = command("PublishDisclosure", E.DisclosurePublished.fields.data)

/** 年终结转: state which lines of this year carry into the next, and by how much. @category commands */
export const CloseYear = command("CloseYear", E.YearEndClosed.fields.data)

/** Every command of a budget stream. @category commands */
export const BudgetCommand = Schema.Union([
  RecordAppropriation,
  RecordCarryover,
  AdjustLine,
  ReclassifyLine,
  RecordDepartmentProfile,
  RegisterUnit,
  RegisterProject,
  RecordPerformanceTargets,
  RecordUnitOverallTargets,
  RecordPriorYearBudget,
  RecordNarrativeNote,
  RecordAssetHoldings,
  PublishDisclosure,
  CloseYear,
])
/** @category commands */
export type BudgetCommand = typeof BudgetCommand.Type

/**
 * The event a command asks for, before any rule is checked.
 * @category constructors
 */
export const toEvent = (c: BudgetCommand): E.BudgetEvent => {
  switch (c.type) {
    case "RecordAppropriation":
      return { type: "AppropriationRecorded", data: c.data }
    case "RecordCarryover":
      return { type: "CarryoverRecorded", data: c.data }
    case "AdjustLine": {
      const { lineId, delta, ...rest } = c.data
      return { type: "AdjustmentRecorded", data: { ...rest, change: { kind: "amount", lineId, delta } } }
    }
    case "ReclassifyLine": {
      const { fromLineId, toLine, ...rest } = c.data
      return {
        type: "AdjustmentRecorded",
        data: { ...rest, change: { kind: "reclassification", fromLineId, toLine } },
      }
    }
    case "RecordDepartmentProfile":
      return { type: "DepartmentProfileRecorded", data: c.data }
    case "RegisterUnit":
      return { type: "UnitRegistered", data: c.data }
    case "RegisterProject":
      return { type: "ProjectRegistered", data: c.data }
    case "RecordPerformanceTargets":
      return { type: "PerformanceTargetsRecorded", data: c.data }
    case "RecordUnitOverallTargets":
      return { type: "UnitOverallTargetsRecorded", data: c.data }
    case "RecordPriorYearBudget":
      return { type: "PriorYearBudgetRecorded", data: c.data }
    case "RecordNarrativeNote":
      return { type: "NarrativeNoteRecorded", data: c.data }
    case "RecordAssetHoldings":
      return { type: "AssetHoldingsRecorded", data: c.data }
    case "PublishDisclosure":
      return { type: "DisclosurePublished", data: c.data }
    case "CloseYear":
      return { type: "YearEndClosed", data: c.data }
  }
}
