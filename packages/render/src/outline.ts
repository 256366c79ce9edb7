/**
 * The reading order of a disclosure, shared by the text and HTML renderers, as the document's
 * template defines it (see `@ledger/projections` templates), and the captions above tables.
 *
 * @module outline
 */
import {
  templateOf,
  type Block as ProjectionsBlock,
  type Disclosure,
  type DisclosureTable,
} from "@ledger/projections"

/** One block of the document in reading order (defined by the templates). @category models */
export type Block = ProjectionsBlock

/** The blocks of a disclosure, in the order its template's published documents print them. @category rendering */
export const outline = (d: Disclosure): ReadonlyArray<Block> => templateOf(d.template).outline(d)

/** The lines above a table's header: title, department (after the template's label) and unit. @category rendering */
export const tableCaption = (
  t: DisclosureTable,
  department: string,
  departmentLabel: string,
): ReadonlyArray<string> => [t.title, `${departmentLabel}：${department}`, `单位：${t.unit}`]
