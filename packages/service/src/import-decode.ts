/**
 * The streaming import's decode of one wire event: the same verdict and the same value as
 * `Envelope.decodeEvent`, for less CPU on a valid event, which is nearly every line of a file.
 * `decodeEvent` builds its two schema decoders and a set of field names on every call and walks
 * every string of the event for a NUL or a lone surrogate; here the decoders and the names are
 * built once, and the walk is replaced by one scan of the line's text, which can only hold such a
 * string where it has a raw surrogate or a `\u` escape. The envelope's and payloads' schemas are
 * compiled by Effect's JIT compiler (`SchemaJITCompiler.enable`: generated code for a valid
 * input, Effect's interpreter for an invalid one, so the issues are the interpreter's), which let
 * excess properties through for a walk of their own to find. Anything
 * unusual — a failing field, an unknown name or type, a suspect text — goes to `decodeEvent`
 * itself, so the issues reported are exactly its own. A property test holds the two equal on valid
 * and broken events, and the compiled verdicts to the interpreter's.
 *
 * @module
 */
import { BudgetEvent, Envelope } from "@ledger/domain"
import { Result, Schema } from "effect"
import * as SchemaJITCompiler from "effect/schema/SchemaJITCompiler"

/**
 * Excess properties are let through here and looked for by {@link sameKeys}: the compiled
 * decoders' own check builds a set of the struct's field names for every object they decode, ≈ 2
 * µs an event and a sixth of what the import allocated.
 */
const options = { errors: "all", onExcessProperty: "ignore" } as const

type Decode = (input: unknown, o: typeof options) => Result.Result<unknown, unknown>

interface Decoders {
  readonly meta: (input: unknown, o: typeof options) => Result.Result<Envelope.EventMeta, unknown>
  /** A payload decoder per event type (`decodeEvent` builds one per call). */
  readonly payloads: ReadonlyMap<string, Decode>
}

let decoders: Decoders | undefined

/**
 * The decoders, built at the first decode: the schemas are compiled first, because a decoder built
 * before keeps the interpreter. Compiling is lazy so that only a process that imports pays for it
 * (and has its schemas compiled): the package has no side effect when it is loaded.
 */
const build = (): Decoders => {
  const members = BudgetEvent.BudgetEvent.members
  SchemaJITCompiler.enable(Envelope.EventMeta.ast)
  for (const m of members) SchemaJITCompiler.enable(m.ast)
  return {
    meta: Schema.decodeUnknownResult(Envelope.EventMeta),
    payloads: new Map(
      members.map((m): [string, Decode] => [m.fields.type.literal, Schema.decodeUnknownResult(m)]),
    ),
  }
}

/**
 * True when every object in `input` has as many own keys as the object in the same place of
 * `output`, what a decoder that drops excess properties made of it: no property was dropped. (A
 * decoder only drops keys, so equal counts are equal key sets.)
 */
const sameKeys = (input: unknown, output: unknown): boolean => {
  if (typeof output !== "object" || output === null) return true
  if (typeof input !== "object" || input === null) return false
  if (Array.isArray(output)) {
    for (let i = 0; i < output.length; i++)
      if (!sameKeys((input as ReadonlyArray<unknown>)[i], output[i])) return false
    return true
  }
  let n = 0
  for (const k in output) {
    n++
    if (!sameKeys((input as Record<string, unknown>)[k], (output as Record<string, unknown>)[k])) return false
  }
  for (const _ in input) n--
  return n === 0
}

/** The fields of a wire event. */
const KNOWN = new Set([
  "stream",
  "eventId",
  "schemaVersion",
  "occurredAt",
  "actor",
  "idempotencyKey",
  "type",
  "data",
])

/**
 * A raw NUL or surrogate, or any `\u` escape: JSON text without one cannot parse to a string (value
 * or key) holding a NUL or a lone surrogate, so `decodeEvent`'s walk for them would find nothing.
 */
// eslint-disable-next-line no-control-regex -- a NUL is one of the things it looks for
const SUSPECT_TEXT = /[\u0000\uD800-\uDFFF]|\\u/

/**
 * Decodes `value`, parsed from the JSON text `text`, exactly as `Envelope.decodeEvent(value)` does.
 * @category decoding
 */
export const decodeWireEvent = (
  value: unknown,
  text: string,
): Result.Result<Envelope.EnvelopedEvent, Envelope.EventDecodeError> => {
  if (typeof value !== "object" || value === null || Array.isArray(value) || SUSPECT_TEXT.test(text))
    return Envelope.decodeEvent(value)
  const raw = value as Record<string, unknown>
  for (const k in raw) if (!KNOWN.has(k)) return Envelope.decodeEvent(value)
  const type = raw["type"]
  const d = (decoders ??= build())
  const decodePayload = typeof type === "string" ? d.payloads.get(type) : undefined
  if (decodePayload === undefined) return Envelope.decodeEvent(value)
  const meta = d.meta(
    {
      stream: raw["stream"],
      eventId: raw["eventId"],
      schemaVersion: raw["schemaVersion"],
      occurredAt: raw["occurredAt"],
      actor: raw["actor"],
      idempotencyKey: raw["idempotencyKey"],
    },
    options,
  )
  if (Result.isFailure(meta) || !sameKeys(raw["stream"], meta.success.stream))
    return Envelope.decodeEvent(value)
  const data = raw["data"]
  const event = decodePayload({ type, data }, options)
  if (Result.isFailure(event) || !sameKeys(data, (event.success as { readonly data: unknown }).data))
    return Envelope.decodeEvent(value)
  return Result.succeed({ meta: meta.success, event: event.success as BudgetEvent.BudgetEvent })
}
