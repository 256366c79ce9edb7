/**
 * The template registry: each id of `Codes.TEMPLATE_IDS` mapped to its module. The record's type
 * makes a registered id without a module (or a module for an unknown id) a compile error; a
 * lookup of an id that is not registered fails with `UnknownTemplate`, naming the known ids.
 *
 * @module templates/registry
 */
import { Codes } from "@ledger/domain"
import { Data, Result } from "effect"
import { shanghaiDistrict9 } from "./shanghai-district-9/index.ts"
import { shanxiCounty13 } from "./shanxi-county-13/index.ts"
import type { Template } from "./types.ts"

/** A template id no module is registered for. @category errors */
export class UnknownTemplate extends Data.TaggedError("UnknownTemplate")<{
  readonly template: string
  readonly known: ReadonlyArray<string>
}> {
  override get message(): string {
    return `unknown template "${this.template}"; the known templates are ${this.known.join(", ")}`
  }
}

/** Every template by id. @category templates */
export const TEMPLATES: Readonly<Record<Codes.TemplateId, Template>> = {
  "shanxi-county-13": shanxiCounty13,
  "shanghai-district-9": shanghaiDistrict9,
}

/** The template of an id, or `UnknownTemplate`. @category templates */
export const templateFor = (id: string): Result.Result<Template, UnknownTemplate> =>
  Codes.isTemplateId(id)
    ? Result.succeed(TEMPLATES[id])
    : Result.fail(new UnknownTemplate({ template: id, known: Codes.TEMPLATE_IDS }))

/** The template of a document or profile whose id was decoded (so it is known). @category templates */
export const templateOf = (id: Codes.TemplateId): Template => TEMPLATES[id]
