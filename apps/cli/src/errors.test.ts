/**
 * The command line's error map: keyed by the `_tag` of the declared error union (a table missing a
 * tag does not compile), with exit codes a script can test.
 */
import { Expected, LedgerIntegrity, StoreUnavailable, StreamVersionConflict } from "@ledger/eventstore"
import { BatchRejected, UnknownDepartmentYear } from "@ledger/service"
import { describe, expect, it } from "vitest"
import { describeFailure, type ErrorTable, EXIT_BROKEN_HISTORY, TABLE } from "./errors.ts"

describe("describeFailure", () => {
  it("does not compile with a tag of the union left out", () => {
    const { BatchRejected: _left, ...rest } = TABLE
    // @ts-expect-error — BatchRejected is missing: an unmapped error fails to compile
    const incomplete: ErrorTable = rest
    expect(Object.keys(incomplete)).not.toContain("BatchRejected")
  })

  it("prints a rejected batch line by line, exit 1", () => {
    const printed = describeFailure(
      new BatchRejected({
        kind: "invalid",
        issues: [{ index: 0, line: 3, path: "data.amount", message: "must be a decimal string" }],
      }),
    )
    expect(printed).toEqual({
      lines: ["rejected, nothing was written:", "  line 3: data.amount: must be a decimal string"],
      exitCode: 1,
    })
  })

  it("names the department-year that has no events", () => {
    expect(describeFailure(new UnknownDepartmentYear({ department: "002", year: 2031 })).lines).toEqual([
      "no events for department 002 in 2031",
    ])
  })

  it("raises the alarm on broken history with its own exit code", () => {
    const printed = describeFailure(
      new LedgerIntegrity({ streamId: "s", position: 7, version: 2, reason: "hash", detail: "d" }),
    )
    expect(printed.exitCode).toBe(EXIT_BROKEN_HISTORY)
    expect(printed.lines[0]).toMatch(/^BROKEN HISTORY: /)
  })

  it("names the tag of any other declared error, and prints an untagged one as it is", () => {
    expect(describeFailure(new StoreUnavailable({ reason: "down" })).lines[0]).toMatch(/^StoreUnavailable: /)
    expect(
      describeFailure(new StreamVersionConflict({ streamId: "s", expected: Expected.noStream, actual: 3 }))
        .lines[0],
    ).toMatch(/^StreamVersionConflict: /)
    expect(describeFailure(new Error("plain"))).toEqual({ lines: ["plain"], exitCode: 1 })
  })
})
