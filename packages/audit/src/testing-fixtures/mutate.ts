/**
 * Test helpers: a deep copy of a disclosure with one cell, note, title or narrative text changed,
 * and the findings a change adds — so a test breaks one rule on purpose and sees it fire.
 *
 * @module testing-fixtures/mutate
 */
import type { DisclosureInput } from "../model/document.ts"
import type { Finding } from "../model/finding.ts"

type Mutable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<Mutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T

/** A mutable deep copy. */
export const clone = <T>(x: T): Mutable<T> => structuredClone(x) as Mutable<T>

/** Sets one cell: the first row of table `id` whose cells satisfy `where`, column `col`. */
export const setCell = (
  d: DisclosureInput,
  id: string,
  where: (cells: ReadonlyArray<string>) => boolean,
  col: number,
  value: string,
): DisclosureInput => {
  const c = clone(d)
  const row = c.tables.find((t) => t.id === id)?.rows.find((r) => where(r.cells))
  if (row === undefined) throw new Error(`no row in table ${id}`)
  row.cells[col] = value
  return c
}

/** Rewrites the text of a narrative section. */
export const editSection = (
  d: DisclosureInput,
  id: string,
  edit: (text: string) => string,
): DisclosureInput => {
  const c = clone(d)
  const s = c.narrative?.find((x) => x.id === id)
  if (s === undefined) throw new Error(`no section ${id}`)
  const before = s.text
  s.text = edit(s.text)
  if (s.text === before) throw new Error(`the edit did not change section ${id}`)
  return c
}

/** The findings of `after` that `before` does not have (same rule, check, place and values). */
export const added = (before: ReadonlyArray<Finding>, after: ReadonlyArray<Finding>): Finding[] => {
  const key = (f: Finding) => JSON.stringify([f.rule, f.check, f.place, f.expected, f.actual])
  const seen = new Set(before.map(key))
  return after.filter((f) => !seen.has(key(f)))
}

/** The first label cell equals `label` (ordinals ignored). */
export const labelled =
  (label: string, col = 0) =>
  (cells: ReadonlyArray<string>) =>
    (cells[col] ?? "").replace(/^[一二三四五六七八九十]+、/, "") === label
