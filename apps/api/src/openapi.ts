/**
 * Generates the OpenAPI 3.1 document from the route declarations: every schema in it is produced
 * by Effect (`SchemaRepresentation` → JSON Schema 2020-12 → OpenAPI 3.1) from the very schemas the
 * handlers decode with; named schemas (an `identifier` annotation) land in `components.schemas`.
 */
import { JsonSchema, SchemaRepresentation } from "effect"
import type { SchemaAST } from "effect"
import { Problem, PROBLEMS } from "./problem.ts"
import type { ProblemKind } from "./problem.ts"
import type { Decodable, RouteSpec } from "./route.ts"

type Json = Record<string, unknown>

/** Collects schemas, then compiles them together so they share one definitions pool. */
const collector = () => {
  const asts: Array<SchemaAST.AST> = []
  const slots: Array<(schema: Json) => void> = []
  return {
    add: (schema: Decodable, put: (schema: Json) => void) => {
      asts.push(schema.ast)
      slots.push(put)
    },
    compile: (): Json => {
      const [first, ...rest] = asts
      if (first === undefined) return {}
      const multi = SchemaRepresentation.toRepresentations([first, ...rest])
      const doc = JsonSchema.toMultiDocumentOpenApi3_1(SchemaRepresentation.toJsonSchemaMultiDocument(multi))
      doc.schemas.forEach((s, i) => slots[i]?.(s))
      return doc.definitions
    },
  }
}

const parametersOf = (
  schema: Decodable | undefined,
  where: "path" | "query",
  add: ReturnType<typeof collector>["add"],
  out: Array<Json>,
): void => {
  if (schema === undefined) return
  add(schema, (js) => {
    const props = (js["properties"] ?? {}) as Record<string, Json>
    const required = new Set((js["required"] ?? []) as Array<string>)
    for (const [name, s] of Object.entries(props)) {
      // A path or query value is never JSON null: drop the null branch `optional` documents.
      const branches = (s["anyOf"] ?? []) as Array<Json>
      const nonNull = branches.filter((b) => b["type"] !== "null")
      const { description, ...schema } =
        nonNull.length === 1 && branches.length === 2 ? { ...nonNull[0], ...omitAnyOf(s) } : s
      out.push({
        name,
        in: where,
        required: where === "path" || required.has(name),
        ...(typeof description === "string" ? { description } : {}),
        schema,
      })
    }
  })
}

const omitAnyOf = (s: Json): Json => Object.fromEntries(Object.entries(s).filter(([k]) => k !== "anyOf"))

/** A body without an Effect schema: an object for JSON, text for text/*, bytes (`format: binary`) for the rest (zip, xlsx). */
const bodySchema = (mediaType: string): Json =>
  /[/+]json$/.test(mediaType)
    ? { type: "object" }
    : mediaType.startsWith("text/")
      ? { type: "string", contentMediaType: mediaType }
      : { type: "string", format: "binary", contentMediaType: mediaType }

/**
 * Request bodies are decoded with `onExcessProperty: "error"`: every object schema of a body (and
 * of the components it references) is closed, so the document refuses what the server refuses.
 */
const closeObjects = (node: unknown, components: Record<string, Json>, seen: Set<unknown>): void => {
  if (node === null || typeof node !== "object" || seen.has(node)) return
  seen.add(node)
  if (Array.isArray(node)) {
    for (const n of node) closeObjects(n, components, seen)
    return
  }
  const o = node as Json
  if (typeof o["$ref"] === "string")
    closeObjects(components[o["$ref"].replace("#/components/schemas/", "")], components, seen)
  if (o["type"] === "object" && o["properties"] !== undefined) o["additionalProperties"] = false
  for (const v of Object.values(o)) closeObjects(v, components, seen)
}

/** Metadata of the document. */
export interface OpenApiInfo {
  readonly title: string
  readonly version: string
  readonly description: string
}

/** Builds the OpenAPI 3.1 document of the given routes. @category constructors */
export const buildOpenApi = (routes: ReadonlyArray<RouteSpec>, info: OpenApiInfo): Json => {
  const c = collector()
  const paths: Record<string, Record<string, Json>> = {}
  let problemRef: Json = {}
  c.add(Problem, (s) => (problemRef = s))
  for (const r of routes) {
    const parameters: Array<Json> = []
    parametersOf(r.params, "path", c.add, parameters)
    parametersOf(r.query, "query", c.add, parameters)
    for (const h of r.headers ?? []) {
      parameters.push({
        name: h.name,
        in: "header",
        required: h.required,
        description: h.description,
        schema: { type: "string" },
      })
    }
    const responses: Record<string, Json> = {}
    for (const [status, resp] of Object.entries(r.responses)) {
      const content: Record<string, Json> = {}
      if (resp.schema) c.add(resp.schema, (s) => (content["application/json"] = { schema: s }))
      for (const t of resp.contentTypes ?? []) content[t] = { schema: bodySchema(t) }
      responses[status] = {
        description: resp.description,
        ...(resp.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(resp.headers).map(([k, d]) => [
                  k,
                  { description: d, schema: { type: "string" } },
                ]),
              ),
            }
          : {}),
        ...(resp.schema || resp.contentTypes ? { content } : {}),
      }
    }
    const kinds: ReadonlyArray<ProblemKind> = [
      ...new Set<ProblemKind>([
        ...(r.roles.includes("public") ? [] : (["unauthorized", "forbidden"] as const)),
        ...r.problems,
      ]),
    ]
    const byStatus = new Map<number, Array<ProblemKind>>()
    for (const k of kinds) byStatus.set(PROBLEMS[k].status, [...(byStatus.get(PROBLEMS[k].status) ?? []), k])
    for (const [status, ks] of byStatus) {
      responses[String(status)] = {
        description: ks.map((k) => `${k}: ${PROBLEMS[k].title}`).join("; "),
        content: {
          "application/problem+json": {
            get schema() {
              return problemRef
            },
          },
        },
      }
    }
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      "x-roles": r.roles,
      ...(r.roles.includes("public") ? { security: [] } : {}),
      parameters, // filled when the schemas compile; dropped below when empty
      responses,
    }
    if (r.body) {
      const body = r.body
      const content: Record<string, Json> = {}
      const documented = body.documented ?? body.schema
      if (documented) c.add(documented, (s) => (content[body.contentType] = { schema: s }))
      else content[body.contentType] = { schema: { type: "string" } }
      op["requestBody"] = { required: true, description: body.description, content }
    }
    ;(paths[r.path] ??= {})[r.method] = op
  }
  const schemas = c.compile()
  const seen = new Set<unknown>()
  for (const ops of Object.values(paths))
    for (const op of Object.values(ops))
      closeObjects(op["requestBody"], schemas as Record<string, Json>, seen)
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops))
      if ((op["parameters"] as Array<Json>).length === 0) delete op["parameters"]
  }
  return JSON.parse(
    JSON.stringify({
      openapi: "3.1.0",
      info,
      jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
      servers: [{ url: "/" }],
      security: [{ bearer: [] }],
      paths,
      components: {
        schemas,
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "An API key: `pnpm ledger keys create --role …`",
          },
        },
      },
    }),
  ) as Json
}
