/**
 * The 13 table builders of the Shanxi county template; `templates/shanxi-county-13` lays them out.
 *
 * @module tables
 */
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
