import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { Money } from "@ledger/domain"
import { AsOf, openDataLinesAsOf } from "@ledger/projections"
import Ajv from "ajv"
import { unzipSync } from "fflate"
import { describe, expect, it } from "vitest"
import { budgetLinesCsv, fdpDescriptor, renderFdp, renderLinesNdjson } from "./fdp.ts"
import { fixtureEvents, referenceDisclosure } from "./testing-fixtures/reference.ts"

const require = createRequire(import.meta.url)
const schemaFile = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../data/fiscal-data-package/${name}`, import.meta.url), "utf8"))

/**
 * The published Fiscal Data Package schema (draft-04), bundled in data/, with its $ref target.
 * Upstream's schema refers to `definitions.json#/define/base`, which its definitions.json does not
 * define, so that one (optional, hidden) property is left unchecked (`missingRefs: "ignore"`).
 */
const validate = (() => {
  const ajv = new Ajv({ schemaId: "auto", unknownFormats: "ignore", allErrors: true, missingRefs: "ignore" })
  ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json") as object)
  ajv.addSchema(schemaFile("definitions.json") as object, "definitions.json")
  return ajv.compile(schemaFile("fiscal-data-package.json") as object)
})()

const doc = referenceDisclosure(AsOf.published)
const lines = openDataLinesAsOf(fixtureEvents(), 2026, AsOf.published) ?? []

describe("Fiscal Data Package of the published reference disclosure", () => {
  it("has a descriptor the published Fiscal Data Package schema accepts", () => {
    const ok = validate(fdpDescriptor(doc))
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it("the schema is not a rubber stamp: a descriptor without its mapping or with a bad name fails", () => {
    const { mapping: _mapping, ...noMapping } = fdpDescriptor(doc)
    expect(validate(noMapping)).toBe(false)
    expect(validate({ ...fdpDescriptor(doc), name: "Budget 2026" })).toBe(false)
  })

  it("zips datapackage.json and a CSV of every line whose amounts sum to 收入总计", () => {
    const files = unzipSync(renderFdp(doc, lines))
    expect(Object.keys(files)).toEqual(["datapackage.json", "budget-lines.csv"])
    const descriptor = JSON.parse(new TextDecoder().decode(files["datapackage.json"])) as Record<
      string,
      unknown
    >
    expect(descriptor["documentHash"]).toBe(doc.documentHash)
    const csv = new TextDecoder().decode(files["budget-lines.csv"]).trim().split("\r\n")
    const header = (csv[0] ?? "").split(",")
    const fields = (descriptor["resources"] as Array<{ schema: { fields: Array<{ name: string }> } }>)[0]
      ?.schema.fields
    expect(fields?.map((f) => f.name)).toEqual(header)
    expect(csv.length - 1).toBe(lines.length)
    const amount = header.indexOf("amount")
    const total = Money.sum(csv.slice(1).map((r) => Money.make(r.split(",")[amount] ?? "")))
    expect(Money.toWan(total)).toBe("565.51")
  })

  it("every line carries its classification codes, unit, funding source and vintage", () => {
    expect(lines.length).toBe(37)
    for (const l of lines) {
      expect(l.functionCode).toMatch(/^\d{7}$/)
      expect(l.functionName).not.toBe("")
      expect(l.unitName).not.toBe("")
      expect(l.fundingSourceName).not.toBe("")
      if (l.expenditureKind === "basic") expect(l.deptEconomicCode).toMatch(/^\d{5}$/)
    }
    const carried = lines.filter((l) => l.vintage === "carryover")
    expect(carried.map((l) => [l.originYear, l.sourceLineId])).toEqual([
      ["2025", "002001-02-c"],
      ["2025", "002001-03-c"],
      ["2025", "002001-2010301-30201-c"],
    ])
  })

  it("is the same bytes for the same document", () => {
    expect(renderFdp(doc, lines)).toEqual(renderFdp(doc, lines))
  })

  it("NDJSON: one line per budget line with the document hash, round-tripping the CSV's amounts", () => {
    const rows = renderLinesNdjson(doc, lines)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { amount: string; documentHash: string; lineId: string })
    expect(rows.map((r) => r.lineId)).toEqual(lines.map((l) => l.lineId))
    expect(new Set(rows.map((r) => r.documentHash))).toEqual(new Set([doc.documentHash]))
    expect(budgetLinesCsv(lines)).toContain(rows[0]?.amount ?? "none")
  })
})
