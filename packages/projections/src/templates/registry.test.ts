/**
 * The registry: every known id has its module, an unknown id is refused naming it and the known
 * ids, and each template's tables are what its layout says (title, unit) for the reference ledger.
 */
import { Codes } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "../as-of.ts"
import { buildDisclosure } from "../disclosure.ts"
import { fixturePath, readNdjson } from "../testing/fixture.ts"
import { toLogged } from "../testing/logged.ts"
import { TEMPLATES, templateFor } from "./registry.ts"

describe("template registry", () => {
  it("has a module for every known id, under its own id", () => {
    for (const id of Codes.TEMPLATE_IDS) expect(TEMPLATES[id].id).toBe(id)
  })

  it("refuses an unknown id, naming it and the known ids", () => {
    const r = templateFor("guangdong-city-7")
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure._tag).toBe("UnknownTemplate")
      expect(r.failure.message).toContain('"guangdong-city-7"')
      for (const id of Codes.TEMPLATE_IDS) expect(r.failure.message).toContain(id)
    }
  })

  it("builds the Shanxi reference disclosure table by table as the layouts say", () => {
    const built = buildDisclosure(toLogged(readNdjson(fixturePath)), AsOf.published)
    if (Result.isFailure(built)) throw new Error(built.failure.message)
    const d = built.success
    const layouts = TEMPLATES[d.template].tables
    expect(d.tables.map((t) => t.id)).toEqual(layouts.map((l) => l.id))
    d.tables.forEach((t, i) => {
      const l = layouts[i]
      expect(t.title).toBe(`${d.fiscalYear}年${l?.title}`)
      expect(t.unit).toBe(l?.unit.unit)
    })
  })
})
