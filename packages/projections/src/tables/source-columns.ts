/**
 * The income columns of the Shanxi template: the three 财政拨款 budgets, 财政专户管理资金 and
 * 单位资金, where 单位资金 gathers every source of the unit's own money (Shanghai's 事业收入,
 * 事业单位经营收入 and 其他收入 print there). Tables 1, 2, 12 and narrative section 二 read this one list.
 *
 * @module tables/source-columns
 */
import { Codes } from "@ledger/domain"

/** One printed source column: the label's key in the taxonomy and the sources it sums. @category models */
export interface SourceColumn {
  readonly key: Codes.FundingSource
  readonly sources: ReadonlyArray<Codes.FundingSource>
}

/** The Shanxi source columns, in printing order. @category models */
export const SHANXI_SOURCE_COLUMNS: ReadonlyArray<SourceColumn> = [
  ...Codes.FISCAL_APPROPRIATION_SOURCES.map((s) => ({ key: s, sources: [s] })),
  { key: "special-account", sources: ["special-account"] },
  { key: "unit-funds", sources: Codes.UNIT_OWN_SOURCES },
]
