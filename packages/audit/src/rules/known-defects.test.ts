/** The §5.2 catalogue classifies findings by the kind of check and the place, never by figures. */
import { describe, expect, it } from "vitest"
import { knownDefectOf } from "./known-defects.ts"

describe("knownDefectOf", () => {
  it("classifies by check and place", () => {
    expect(knownDefectOf({ check: "t4-empty", place: { table: "4" } })).toBe(1)
    expect(knownDefectOf({ check: "narrative-amount", place: { section: "四" } })).toBe(1)
    expect(knownDefectOf({ check: "cell", place: { table: "4", row: "收入总计" } })).toBe(1)
    expect(knownDefectOf({ check: "cell", place: { table: "11", row: "部门合计" } })).toBe(4)
    expect(knownDefectOf({ check: "filled-after-year-start", place: { project: "x" } })).toBe(3)
  })
  it("leaves other findings unclassified", () => {
    expect(knownDefectOf({ check: "narrative-amount", place: { section: "二" } })).toBeUndefined()
    expect(knownDefectOf({ check: "cell", place: { table: "2" } })).toBeUndefined()
    expect(knownDefectOf({ check: "hierarchy", place: { table: "3" } })).toBeUndefined()
  })
})
