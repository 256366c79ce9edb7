/**
 * Small synthetic event logs for unit tests of the table builders: a department with the units
 * and lines a test names, nothing else.
 *
 * @module testing/synthetic
 */
import type { BudgetEvent, BudgetLine, Codes } from "@ledger/domain"
import type { LoggedEvent } from "../logged-event.ts"

/** A basic current-year 一般公共预算 line. @category constructors */
export const basicLine = (
  lineId: string,
  unitCode: string,
  functionCode: string,
  deptEconomicCode: string,
  amount: string,
  category: Codes.BasicCategory = "personnel",
): BudgetLine.BudgetLine => ({
  lineId,
  unitCode,
  fundingSource: "general-budget",
  functionCode,
  expenditure: { kind: "basic", category, deptEconomicCode },
  amount,
})

/** Logged events for a list of payloads, stream "900/2026", with deterministic metadata. @category constructors */
export const logged = (events: ReadonlyArray<BudgetEvent.BudgetEvent>): ReadonlyArray<LoggedEvent> =>
  events.map((event, i) => ({
    event,
    meta: {
      streamId: "900/2026",
      version: i + 1,
      position: i + 1,
      eventId: `e${i + 1}`,
      occurredAt: "2026-01-20",
      recordedAt: `2026-01-20T00:00:${String(i).padStart(2, "0")}Z`,
      actor: "test",
      hash: String(i + 1).padStart(64, "0"),
    },
  }))

/** A department profile and units (code, type) as the first events of a synthetic log. @category constructors */
export const department = (
  units: ReadonlyArray<readonly [string, Codes.UnitType]>,
): ReadonlyArray<BudgetEvent.BudgetEvent> => [
  {
    type: "DepartmentProfileRecorded",
    data: {
      departmentCode: "900",
      name: "测试部门",
      regionName: "测试区",
      template: "shanxi-county-13",
      duties: [],
    },
  },
  ...units.map(([unitCode, unitType]): BudgetEvent.BudgetEvent => ({
    type: "UnitRegistered",
    data: { unitCode, name: `单位${unitCode}`, unitType },
  })),
]
