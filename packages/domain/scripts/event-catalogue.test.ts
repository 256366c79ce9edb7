import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { BudgetEvent } from "../src/BudgetEvent.ts"
import { CATALOGUE_PATH, renderCatalogue } from "./event-catalogue.ts"

describe("docs/event-catalogue.md", () => {
  it("is what the schemas generate today (regenerate with npx tsx packages/domain/scripts/event-catalogue.ts)", () => {
    expect(readFileSync(CATALOGUE_PATH, "utf8")).toBe(renderCatalogue())
  })

  it("documents every event type and the paths decoding reports", () => {
    const md = renderCatalogue()
    const types = BudgetEvent.members.map((m) => m.fields.type.literal)
    expect(types.length).toBeGreaterThanOrEqual(19)
    for (const t of types) expect(md).toContain(`\n## ${t}\n`)
    expect(md).toContain("| `data.line.amount` | string | yes |")
    expect(md).toContain("| `data.change⟨reclassification⟩.toLine.functionCode` |")
  })
})
