/** Keeps the generated event catalogue in step with the schemas and with Prettier. */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import * as prettier from "prettier"
import { BudgetEvent } from "../src/BudgetEvent.ts"
import { CATALOGUE_PATH, formatCatalogue, renderCatalogue } from "./event-catalogue.ts"

describe("docs/event-catalogue.md", () => {
  it("is what the schemas generate today (regenerate with npx tsx packages/domain/scripts/event-catalogue.ts)", async () => {
    expect(readFileSync(CATALOGUE_PATH, "utf8")).toBe(await formatCatalogue())
  })

  it("is stable under Prettier, so format:check and the generator agree", async () => {
    const generated = await formatCatalogue()
    const options = (await prettier.resolveConfig(CATALOGUE_PATH)) ?? {}
    expect(await prettier.format(generated, { ...options, parser: "markdown" })).toBe(generated)
  })

  it("documents every event type and the paths decoding reports", () => {
    const md = renderCatalogue()
    const types = BudgetEvent.members.map((m) => m.fields.type.literal)
    expect(types.length).toBeGreaterThanOrEqual(19)
    for (const t of types) expect(md).toContain(`\n## ${t}\n`)
    expect(md).toContain("| `data.line.amount` | string | yes |")
    expect(md).toContain("| `data.change⟨reclassification⟩.toLine.functionCode` |")
  })

  it("states what an integrator must know to append: versions, idempotency, replacement, note wording", () => {
    const md = renderCatalogue()
    expect(md).toContain("a stream with no events is at version 0")
    expect(md).toContain("uses up neither its `Idempotency-Key`")
    expect(md).toContain("a later `PerformanceTargetsRecorded` for the same project replaces")
    expect(md).toContain("`主要是人员增加` prints `，主要是人员增加`")
  })
})
