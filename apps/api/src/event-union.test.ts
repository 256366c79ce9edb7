/**
 * The OpenAPI event union: one named schema per event type the domain knows, each with an example
 * that the domain's own decoder accepts and that validates against the documented schema (ajv), so
 * a client generated from the document sends events the server takes.
 */
import Ajv from "ajv"
import { BudgetEvent, Envelope } from "@ledger/domain"
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { eventExample } from "./event-union.ts"
import { makeHarness } from "./testing-fixtures/harness.ts"

type Json = Record<string, unknown>
const TYPES = BudgetEvent.BudgetEvent.members.map((m) => m.fields.type.literal)
let doc: Json
let schemas: Record<string, Json>

beforeAll(async () => {
  const h = await makeHarness({ fixture: false })
  doc = (await (await h.call("/v1/openapi.json")).json()) as Json
  schemas = (doc["components"] as { schemas: Record<string, Json> }).schemas
})

describe("the event union of the append body", () => {
  it("names every event type as a schema of its own, and the body's events are their union", () => {
    expect(TYPES.length).toBeGreaterThanOrEqual(19)
    for (const t of TYPES) expect(schemas[`${t}Event`], t).toBeDefined()
    const body = schemas["AppendBody"] as { properties: { events: { items: { anyOf?: Array<Json> } } } }
    const refs = (body.properties.events.items.anyOf ?? []).map((s) => s["$ref"])
    expect(refs.sort()).toEqual(TYPES.map((t) => `#/components/schemas/${t}Event`).sort())
  })

  it("every type has an example in the document that the domain decodes and the schema validates", () => {
    const ajv = new Ajv({ allErrors: true, unknownFormats: "ignore", logger: false })
    for (const t of TYPES) {
      const schema = schemas[`${t}Event`] ?? {}
      const [example] = (schema["examples"] ?? []) as Array<unknown>
      expect(example, t).toEqual(eventExample(t))
      const decoded = Envelope.decodeEvent(example)
      expect(
        Result.isSuccess(decoded),
        `${t}: ${Result.isFailure(decoded) ? decoded.failure.message : ""}`,
      ).toBe(true)
      const validate = ajv.compile({ allOf: [schema], components: doc["components"] })
      expect(validate(example), `${t}: ${ajv.errorsText(validate.errors)}`).toBe(true)
      expect(validate({ ...(example as Json), extra: 1 }), `${t} refuses an unknown field`).toBe(false)
    }
  })
})
