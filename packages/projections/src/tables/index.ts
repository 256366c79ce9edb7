/**
 * The 13 table builders of the Shanxi county template, in table order.
 *
 * @module tables
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { table07, table08, table09 } from "./empty.ts"
import { table01 } from "./table-01.ts"
import { table02 } from "./table-02.ts"
import { table03 } from "./table-03.ts"
import { table04 } from "./table-04.ts"
import { table05 } from "./table-05.ts"
import { table06 } from "./table-06.ts"
import { table10 } from "./table-10.ts"
import { table11 } from "./table-11.ts"
import { table12 } from "./table-12.ts"
import { table13 } from "./table-13.ts"

/** Every table builder of `shanxi-county-13`, tables "1" … "13" in order. @category projections */
export const SHANXI_COUNTY_13: ReadonlyArray<(ctx: TableContext) => DisclosureTable> = [
  table01,
  table02,
  table03,
  table04,
  table05,
  table06,
  table07,
  table08,
  table09,
  table10,
  table11,
  table12,
  table13,
]

export {
  table01,
  table02,
  table03,
  table04,
  table05,
  table06,
  table07,
  table08,
  table09,
  table10,
  table11,
  table12,
  table13,
}
