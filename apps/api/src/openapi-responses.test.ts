/**
 * What the OpenAPI document promises, checked against what the server answers: for every operation
 * (one real request each, plus every disclosure and publication format and a problem answer), the
 * status is documented, the content type is one the document lists for it, and every JSON body
 * validates against its documented schema (ajv). Downloads name a file (`Content-Disposition`),
 * every query parameter is described, and request bodies refuse what the server refuses.
 */
import Ajv from "ajv"
import { FORMAT_NAMES, FORMATS } from "@ledger/render"
import { beforeAll, describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { postJson, requestFor } from "./testing-fixtures/requests.ts"

type Json = Record<string, unknown>
type Op = Json & { operationId: string; "x-roles": ReadonlyArray<string>; responses: Record<string, Json> }

let h: Harness
let doc: Json
let ops: Array<{ path: string; method: string; op: Op }>
const ajv = new Ajv({ allErrors: true, unknownFormats: "ignore", logger: false })
const validators = new Map<string, Ajv.ValidateFunction>()

beforeAll(async () => {
  h = await makeHarness()
  doc = (await (await h.call("/v1/openapi.json")).json()) as Json
  ops = Object.entries(doc["paths"] as Record<string, Record<string, Op>>).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ path, method, op })),
  )
})

const keyFor = (op: Op): string | undefined => {
  const role = op["x-roles"].find((r) => r !== "public")
  return role === "writer"
    ? h.keys.writer
    : role === "auditor"
      ? h.keys.auditor
      : role
        ? h.keys.admin
        : undefined
}

/** Checks one answer against the operation's documented responses; returns the media type. */
const conforms = async (op: Op, res: Response): Promise<string> => {
  const what = `${op.operationId} ${res.status}`
  const documented = op.responses[String(res.status)]
  expect(documented, `${what}: status not documented`).toBeDefined()
  const content = (documented?.["content"] ?? {}) as Record<string, { schema: Json }>
  const type = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? ""
  if (Object.keys(content).length === 0) {
    expect(await res.arrayBuffer(), `${what}: documented without a body`).toHaveProperty("byteLength", 0)
    return type
  }
  expect(Object.keys(content), `${what}: ${type} not documented`).toContain(type)
  const schema = content[type]?.schema ?? {}
  if (type === "application/json" || type.endsWith("+json")) {
    const key = `${op.operationId}|${res.status}|${type}`
    let validate = validators.get(key)
    if (validate === undefined) {
      validate = ajv.compile({ allOf: [schema], components: doc["components"] })
      validators.set(key, validate)
    }
    const body: unknown = await res.json()
    const ok = validate(body)
    expect(ok, `${what}: ${ajv.errorsText(validate.errors)}`).toBe(true)
  } else if (schema["format"] === "binary") {
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(bytes.length, what).toBeGreaterThan(0)
  } else {
    expect(schema["type"], what).toBe("string")
    expect((await res.text()).length, what).toBeGreaterThan(0)
  }
  return type
}

const opOf = (id: string): Op => {
  const found = ops.find((o) => o.op.operationId === id)
  if (found === undefined) throw new Error(`no operation ${id}`)
  return found.op
}

describe("every documented response validates against its schema", () => {
  it("one real request per operation: status, content type and JSON body as documented", async () => {
    expect(ops.length).toBeGreaterThan(15)
    let n = 0
    for (const { op } of ops) {
      const { path, init } = await requestFor(h, op.operationId, n++)
      const key = keyFor(op)
      const res = await h.call(path, { ...init, ...(key ? { key } : {}) })
      expect(res.status, `${op.operationId}: ${res.status}`).toBeLessThan(300)
      await conforms(op, res)
    }
  })

  it("the disclosure in every format: a documented type, a file name with the format's extension", async () => {
    const op = opOf("getDisclosure")
    for (const f of FORMAT_NAMES) {
      const res = await h.call(`/v1/departments/002/years/2026/disclosure?asOf=published&format=${f}`, {
        key: h.keys.auditor,
      })
      expect(res.status).toBe(200)
      const disposition = res.headers.get("content-disposition") ?? ""
      expect(disposition).toMatch(
        new RegExp(
          `^(inline|attachment); filename="budget-disclosure-002-2026-published\\.${FORMATS[f].extension}"$`,
        ),
      )
      if (f === "csv" || f === "xlsx") expect(disposition.startsWith("attachment")).toBe(true)
      expect(await conforms(op, res)).toBe(FORMATS[f].mediaType.split(";")[0])
    }
    const current = await h.call("/v1/departments/002/years/2026/disclosure?format=csv", {
      key: h.keys.auditor,
    })
    expect(current.headers.get("content-disposition")).toBe(
      'attachment; filename="budget-disclosure-002-2026-current.zip"',
    )
  })

  it("a publication in every format, with a file name naming the seal", async () => {
    const op = opOf("getPublication")
    const { path } = await requestFor(h, "getPublication", 1000)
    const hash = path.split("/").at(-1) ?? ""
    for (const f of FORMAT_NAMES) {
      const res = await h.call(`${path}?format=${f}`)
      expect(res.status).toBe(200)
      expect(res.headers.get("content-disposition")).toContain(
        `filename="budget-disclosure-002-2026-${hash.slice(0, 12)}.${FORMATS[f].extension}"`,
      )
      await conforms(op, res)
    }
  })

  it("the taxonomy as JSON and text; problems as documented problem+json", async () => {
    for (const f of ["json", "txt"])
      await conforms(opOf("getTaxonomy"), await h.call(`/v1/taxonomy/2026?format=${f}`))
    const problems: Array<[string, string, RequestInit & { key?: string }]> = [
      ["getDisclosure", "/v1/departments/002/years/2026/disclosure", {}],
      ["getDisclosure", "/v1/departments/777/years/2026/disclosure", { key: h.keys.auditor }],
      ["getDisclosure", "/v1/departments/002/years/2026/disclosure?asOf=2026-02-30", { key: h.keys.auditor }],
      ["traceCell", "/v1/departments/002/years/2026/disclosure/cells/1/9999/0", { key: h.keys.auditor }],
      [
        "appendEvents",
        "/v1/departments/002/years/2026/events",
        { ...postJson({ events: [{}] }, { "idempotency-key": "p1" }), key: h.keys.writer },
      ],
      [
        "appendEvents",
        "/v1/departments/002/years/2026/events",
        { ...postJson({ events: [], extra: 1 }, { "idempotency-key": "p2" }), key: h.keys.writer },
      ],
      ["listKeys", "/v1/keys", { key: h.keys.auditor }],
    ]
    for (const [id, path, init] of problems) {
      const res = await h.call(path, init)
      expect(res.status, `${id} ${path}`).toBeGreaterThanOrEqual(400)
      expect(await conforms(opOf(id), res)).toBe("application/problem+json")
    }
  })
})

describe("the document describes what a client sends", () => {
  it("every query parameter has a description and is never documented as null", () => {
    for (const { path, method, op } of ops)
      for (const p of ((op["parameters"] ?? []) as Array<Json>).filter((x) => x["in"] === "query")) {
        const where = `${method} ${path} ?${String(p["name"])}`
        expect(p["description"], where).toBeTypeOf("string")
        expect(JSON.stringify(p["schema"]), where).not.toContain('"null"')
      }
  })

  it("request bodies are closed objects, as the server refuses excess properties", async () => {
    const body = (op: Op) =>
      (((op["requestBody"] as Json)["content"] as Json)["application/json"] as Json)["schema"] as Json
    const resolve = (s: Json): Json =>
      typeof s["$ref"] === "string"
        ? ((doc["components"] as { schemas: Record<string, Json> }).schemas[
            s["$ref"].split("/").at(-1) ?? ""
          ] ?? {})
        : s
    for (const id of ["appendEvents", "createKey"]) {
      const schema = resolve(body(opOf(id)))
      expect(schema["additionalProperties"], id).toBe(false)
      expect(JSON.stringify(schema), id).not.toContain('"null"')
    }
    const validate = ajv.compile({ allOf: [body(opOf("appendEvents"))], components: doc["components"] })
    expect(validate({ events: [{}], extra: 1 })).toBe(false)
    expect(validate({ events: [{}], expectedVersion: null })).toBe(false)
    const refused = await h.call("/v1/departments/002/years/2026/events", {
      ...postJson({ events: [{}], extra: 1 }, { "idempotency-key": "closed" }),
      key: h.keys.writer,
    })
    expect(refused.status).toBe(400)
  })

  it("csv is declared as what it returns: a zip", () => {
    const content = (opOf("getDisclosure").responses["200"]?.["content"] ?? {}) as Record<
      string,
      { schema: Json }
    >
    expect(content["application/zip"]?.schema).toMatchObject({ type: "string", format: "binary" })
    const format = ((opOf("getDisclosure")["parameters"] ?? []) as Array<Json>).find(
      (p) => p["name"] === "format",
    )
    expect(String(format?.["description"])).toContain("csv (application/zip")
  })
})
