/**
 * 第四部分 名词解释: the glossary a template prints, read from `data/glossary/<template>.json`.
 * The text is template data, so a region's wording changes without a code change; the file is
 * decoded with a schema, and a malformed shipped file is a packaging bug that throws.
 *
 * @module glossary
 */
import { readFileSync } from "node:fs"
import { Schema } from "effect"
import { toChineseNumeral } from "../narrative/chinese-numerals.ts"

/** One glossary entry as the disclosure carries it: numbered "一", "二", … @category models */
export const GlossaryEntry = Schema.Struct({
  id: Schema.String,
  term: Schema.String,
  definition: Schema.String,
})
/** @category models */
export type GlossaryEntry = typeof GlossaryEntry.Type

/** The shape of a glossary data file. @category models */
const GlossaryFile = Schema.Struct({
  template: Schema.String,
  terms: Schema.Array(
    Schema.Struct({
      term: Schema.String.check(Schema.isNonEmpty()),
      definition: Schema.String.check(Schema.isNonEmpty()),
    }),
  ),
})

const DIR = new URL("../../data/glossary/", import.meta.url)
const cache = new Map<string, ReadonlyArray<GlossaryEntry>>()

/** Entries of a decoded glossary file, numbered in file order. @category constructors */
const entriesOf = (file: typeof GlossaryFile.Type): ReadonlyArray<GlossaryEntry> =>
  file.terms.map((t, i) => ({ id: toChineseNumeral(i + 1), term: t.term, definition: t.definition }))

/**
 * The glossary of a template, e.g. `glossaryFor("shanxi-county-13")`. Templates are a closed set
 * (the event schema names them), so an unknown one is a bug and throws.
 * @category projections
 */
export const glossaryFor = (template: string): ReadonlyArray<GlossaryEntry> => {
  const hit = cache.get(template)
  if (hit !== undefined) return hit
  if (!/^[a-z0-9-]+$/.test(template)) throw new Error(`not a template name: ${template}`)
  const raw: unknown = JSON.parse(readFileSync(new URL(`${template}.json`, DIR), "utf8"))
  const file = Schema.decodeUnknownSync(GlossaryFile)(raw)
  if (file.template !== template)
    throw new Error(`data/glossary/${template}.json declares template ${file.template}`)
  const entries = entriesOf(file)
  cache.set(template, entries)
  return entries
}
