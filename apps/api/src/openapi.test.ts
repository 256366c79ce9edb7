/**
 * The OpenAPI document: 3.1 shape, every route of the app in it (method and path), every `$ref`
 * resolving, and its schemas agreeing with the decoders on real requests.
 */
import { describe, expect, it } from "vitest"
import { apiRoutes } from "./app.ts"
import { makeHarness } from "./testing-fixtures/harness.ts"

type Json = Record<string, unknown>

const refsIn = (node: unknown, out: Array<string> = []): Array<string> => {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out)
  else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v)
      else refsIn(v, out)
    }
  }
  return out
}

const resolve = (doc: Json, ref: string): unknown =>
  ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>(
      (node, part) => (node as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
      doc,
    )

describe("OpenAPI document", async () => {
  const h = await makeHarness({ fixture: false })
  const res = await h.call("/v1/openapi.json")
  const doc = (await res.json()) as Json
  const paths = doc["paths"] as Record<string, Record<string, Json>>

  it("is served without a key and has the 3.1 shape", () => {
    expect(res.status).toBe(200)
    expect(doc["openapi"]).toMatch(/^3\.1\.\d+$/)
    expect((doc["info"] as Json)["title"]).toBeTypeOf("string")
    expect((doc["info"] as Json)["version"]).toBeTypeOf("string")
    expect(Object.keys(paths).length).toBeGreaterThan(0)
    for (const [path, ops] of Object.entries(paths)) {
      expect(path.startsWith("/v1/")).toBe(true)
      for (const [method, op] of Object.entries(ops)) {
        expect(["get", "post", "put", "patch", "delete"]).toContain(method)
        expect(op["operationId"]).toBeTypeOf("string")
        const responses = op["responses"] as Record<string, Json>
        expect(Object.keys(responses).length).toBeGreaterThan(0)
        for (const [status, r] of Object.entries(responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/)
          expect(r["description"]).toBeTypeOf("string")
        }
        const declared = new Set(
          ((op["parameters"] ?? []) as Array<Json>).filter((p) => p["in"] === "path").map((p) => p["name"]),
        )
        const inPath = new Set([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
        expect(declared).toEqual(inPath)
      }
    }
    const ids = Object.values(paths).flatMap((ops) => Object.values(ops).map((o) => o["operationId"]))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("contains every route the app serves, and only those", () => {
    const routes = apiRoutes(
      {
        store: h.store,
        service: h.service,
        keys: { authenticate: () => undefined as never, invalidate: () => undefined },
      },
      () => ({}),
    )
    const served = routes.map((r) => `${r.spec.method} ${r.spec.path}`).sort()
    const documented = Object.entries(paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
      .sort()
    expect(documented).toEqual(served)
    const honoRoutes = h.app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
    expect(new Set(honoRoutes)).toEqual(new Set(served))
  })

  it("every $ref resolves inside the document", () => {
    const refs = refsIn(doc)
    expect(refs.length).toBeGreaterThan(0)
    for (const ref of refs) {
      expect(ref.startsWith("#/"), ref).toBe(true)
      expect(resolve(doc, ref), ref).toBeDefined()
    }
  })

  it("documents the schemas the routes decode with (the append body requires events)", () => {
    const op = paths["/v1/departments/{code}/years/{year}/events"]?.["post"] as Json
    const body = ((op["requestBody"] as Json)["content"] as Json)["application/json"] as Json
    const schema = (body["schema"] as Json)["$ref"]
      ? (resolve(doc, (body["schema"] as Json)["$ref"] as string) as Json)
      : (body["schema"] as Json)
    expect(schema["required"]).toContain("events")
    const problem = resolve(doc, "#/components/schemas/Problem") as Json
    expect(problem["required"]).toEqual(expect.arrayContaining(["type", "title", "status", "detail"]))
  })

  it("the reference page is served without a key and reads the document", async () => {
    const page = await h.call("/v1/docs")
    expect(page.status).toBe(200)
    expect(await page.text()).toContain("/v1/openapi.json")
  })
})
