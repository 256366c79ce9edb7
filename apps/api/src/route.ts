/**
 * A route is declared once — method, path, roles, the Effect Schemas of its path, query and body,
 * its responses — and that one declaration both registers the Hono handler and generates the
 * OpenAPI operation. Handlers decode with the declared schemas through {@link decodeInput}, so the
 * published document and what the server accepts cannot drift apart.
 */
import { AsOf } from "@ledger/projections"
import { SchemaIssues } from "@ledger/domain"
import { Result, Schema } from "effect"
import type { SchemaAST } from "effect"
import type { Context } from "hono"
import type { ApiEnv } from "./auth.ts"
import { fail } from "./problem.ts"
import type { ProblemIssue, ProblemKind } from "./problem.ts"

/** A schema the API can decode unknown input with (no services needed). */
export type Decodable = Schema.ConstraintDecoder<unknown>

/** One documented response. `schema` undefined means a non-JSON or empty body. @category models */
interface ResponseSpec {
  readonly description: string
  readonly schema?: Decodable
  /** Content types other than JSON that the response may have (e.g. text/html). */
  readonly contentTypes?: ReadonlyArray<string>
  readonly headers?: Readonly<Record<string, string>>
}

/** The declaration of one operation. @category models */
export interface RouteSpec {
  readonly method: "get" | "post" | "delete"
  /** OpenAPI-style path, e.g. `/v1/departments/{code}/years/{year}/events`. */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly description?: string
  readonly tag: string
  /** Who may call it, for the document (enforced in the handler). */
  readonly roles: ReadonlyArray<"writer" | "auditor" | "admin" | "public">
  readonly params?: Decodable
  readonly query?: Decodable
  readonly headers?: ReadonlyArray<{
    readonly name: string
    readonly required: boolean
    readonly description: string
  }>
  readonly body?: {
    readonly schema?: Decodable
    /** What the document shows when it is richer than what the handler decodes with (the event union). */
    readonly documented?: Decodable
    readonly contentType: string
    readonly description: string
  }
  readonly responses: Readonly<Record<number, ResponseSpec>>
  /** Problem kinds the operation can answer with (documented as application/problem+json). */
  readonly problems: ReadonlyArray<ProblemKind>
}

/** A handler with its declaration. @category models */
export interface Route {
  readonly spec: RouteSpec
  readonly handler: (c: Context<ApiEnv>) => Promise<Response>
}

/** Declares a route. @category constructors */
export const defineRoute = (spec: RouteSpec, handler: Route["handler"]): Route => ({ spec, handler })

/** The Hono path of an OpenAPI path (`{code}` → `:code`). */
export const honoPath = (path: string): string => path.replace(/\{([A-Za-z]+)\}/g, ":$1")

/** Turns a schema error into field issues with dotted paths prefixed by `where` (`query.asOf`). */
const issuesOf = (error: Schema.SchemaError, where: string): Array<ProblemIssue> =>
  SchemaIssues.fieldIssues(error).map((i) => ({
    path: SchemaIssues.dotted(i.path, [where]),
    message: i.message,
  }))

/**
 * Decodes path, query or body input with a declared schema; a failure is a 400 (`malformed-request`)
 * naming every bad field.
 */
const decodeInput = <S extends Decodable>(
  schema: S,
  input: unknown,
  where: "path" | "query" | "body",
  options: SchemaAST.ParseOptions = {},
): S["Type"] => {
  const r = Schema.decodeUnknownResult(schema)(input, { errors: "all", ...options })
  if (Result.isFailure(r))
    return fail("malformed-request", `the ${where} does not match the API`, issuesOf(r.failure, where))
  return r.success
}

/** The path parameters of a request, decoded with the route's schema. */
export const pathOf = <S extends Decodable>(c: Context<ApiEnv>, schema: S): S["Type"] =>
  decodeInput(schema, c.req.param(), "path")

/** The query of a request (single values only), decoded with the route's schema. */
export const queryOf = <S extends Decodable>(c: Context<ApiEnv>, schema: S): S["Type"] =>
  decodeInput(schema, c.req.query(), "query")

/**
 * The JSON body of a request, decoded with the route's schema. Non-JSON text, a wrong content type
 * or invalid UTF-8 is a 400/415, never a 500.
 */
export const jsonBodyOf = async <S extends Decodable>(c: Context<ApiEnv>, schema: S): Promise<S["Type"]> => {
  const type = c.req.header("content-type") ?? ""
  if (!/^application\/(.+\+)?json\b/i.test(type))
    fail("unsupported-media-type", "send the body as application/json")
  const text = await textBodyOf(c)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return fail("malformed-request", `the body is not valid JSON: ${(e as Error).message}`)
  }
  return decodeInput(schema, value, "body", { onExcessProperty: "error" })
}

/** The body as UTF-8 text; invalid UTF-8 is a 400. */
export const textBodyOf = async (c: Context<ApiEnv>): Promise<string> => {
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return fail("malformed-request", "the body is not valid UTF-8")
  }
}

/**
 * The as-of point of a query value already grammar-checked by the route's schema (`AsOfText`),
 * decoded with the one `AsOf` decoder; an impossible date (2026-02-30) is an `InvalidAsOf` naming
 * `query.<name>` (422). Absent means `fallback`.
 */
export const asOfOf = (value: string | undefined, name: string, fallback = "current"): AsOf => {
  const r = AsOf.decode(value ?? fallback, `query.${name}`)
  if (Result.isFailure(r)) throw r.failure
  return r.success
}
