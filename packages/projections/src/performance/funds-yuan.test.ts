/**
 * Performance-table amounts are in the JSON as 元 strings too, not only as display text: each
 * declared source is `"36000.00"` (the printed `"36,000"` without grouping, two decimals), and a
 * source the unit did not declare is `""` in both.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../as-of.ts"
import { buildDisclosure } from "../disclosure.ts"
import { fixturePath, readNdjson } from "../testing/fixture.ts"
import { toLogged } from "../testing/logged.ts"

const doc = Result.getOrThrow(buildDisclosure(toLogged(readNdjson(fixturePath)), AsOf.published))

describe("performance-table funds as 元 amounts", () => {
  it("every table carries implementationFundsYuan and annualFundsYuan agreeing with the printed text", () => {
    expect(doc.performanceTargets.length).toBeGreaterThan(0)
    for (const t of doc.performanceTargets)
      for (const [printed, yuan] of [
        [t.implementationFunds, t.implementationFundsYuan],
        [t.annualFunds, t.annualFundsYuan],
      ] as const)
        for (const k of ["total", "central", "provincial", "local", "selfRaised", "other"] as const) {
          if (printed[k] === "") expect(yuan[k]).toBe("")
          else {
            expect(yuan[k]).toMatch(/^\d+\.\d{2}$/)
            expect(yuan[k]).toBe(`${printed[k].replaceAll(",", "")}.00`)
          }
        }
  })
})
