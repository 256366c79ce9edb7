/**
 * The classification must hold every department: for every function class of 2026 that has 项
 * codes, a department recording one line under one of them is accepted and published through the
 * service (in-memory store), and its disclosure lists the line under that class.
 */
import { makeMemoryEventStore } from "@ledger/eventstore"
import { Taxonomy } from "@ledger/domain"
import { Effect, Result } from "effect"
import { describe, expect, it } from "vitest"
import { makeLedgerService } from "./ledger-service.ts"

const taxonomy = Result.getOrThrow(Taxonomy.forYear(2026))
const listing = taxonomy.listing()
/** The first 项 of every class that has one, straight from the data file. */
const xiangByClass = new Map<string, string>()
for (const e of listing.function)
  if (e.level === "项" && !xiangByClass.has(e.code.slice(0, 3))) xiangByClass.set(e.code.slice(0, 3), e.code)

const batch = (department: string, functionCode: string) => {
  const meta = (n: number) => ({
    stream: { department, year: 2026 },
    schemaVersion: 1,
    occurredAt: "2026-01-20",
    idempotencyKey: `${department}/${n}`,
  })
  return [
    {
      ...meta(1),
      type: "DepartmentProfileRecorded",
      data: {
        departmentCode: department,
        name: `示例部门${department}`,
        regionName: "示例县",
        template: "shanxi-county-13",
        duties: ["职责"],
      },
    },
    {
      ...meta(2),
      type: "UnitRegistered",
      data: { unitCode: `${department}01`, name: "示例单位", unitType: "administrative" },
    },
    {
      ...meta(3),
      type: "AppropriationRecorded",
      data: {
        documentNumber: "示财〔2026〕1号",
        line: {
          lineId: `${department}-L1`,
          unitCode: `${department}01`,
          fundingSource:
            functionCode.startsWith("22006") || functionCode.startsWith("23004")
              ? "government-fund"
              : "general-budget",
          functionCode,
          expenditure: {
            kind: "basic",
            category: "personnel",
            deptEconomicCode: "30101",
            govEconomicCode: "50101",
          },
          amount: "100000.00",
        },
      },
    },
  ]
}

describe("one department per function class", () => {
  it("covers every class of the data file that has 项 codes", () => {
    const classesWithXiang = new Set(
      listing.function.filter((e) => e.level === "项").map((e) => e.code.slice(0, 3)),
    )
    expect([...xiangByClass.keys()].sort()).toEqual([...classesWithXiang].sort())
    expect(xiangByClass.get("213")).toBeDefined()
    // Every expenditure class of 201–234 that the classification gives 项 to (not 209 社会保险基金,
    // 219 援助其他地区 or 227 预备费, booked without 项 here), and 21301 农业农村 in full.
    expect(xiangByClass.size).toBeGreaterThanOrEqual(27)
    const codes = new Set(listing.function.map((e) => e.code))
    for (const c of ["2130101", "2130102", "2130104", "2130106", "2130122", "2130153", "2130199"])
      expect(codes.has(c), c).toBe(true)
  })

  it.each([...xiangByClass])("class %s: a line under %s is accepted and published", async (cls, code) => {
    const service = makeLedgerService(makeMemoryEventStore())
    const department = `9${cls}`
    await Effect.runPromise(
      service.append({ department, year: 2026, events: batch(department, code), idempotencyKey: department }),
    )
    const seal = await Effect.runPromise(
      service.publish(department, 2026, { actor: "test", occurredAt: "2026-02-01" }),
    )
    expect(seal.appended).toBe(1)
    const doc = await Effect.runPromise(service.disclosure(department, 2026, { _tag: "Published" }))
    expect(doc.documentHash).toBe(seal.documentHash)
    expect(JSON.stringify(doc)).toContain(code)
  })
})
