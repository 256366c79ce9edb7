/**
 * The income columns of the Shanghai district template: 财政拨款收入 (its three budgets), 事业收入,
 * 事业单位经营收入 and 其他收入. A line recorded with a Shanxi source prints where Shanghai counts
 * that money: 财政专户管理资金 (education fees) with 事业收入, 单位资金 with 其他收入.
 *
 * @module templates/shanghai-district-9/sources
 */
import { Codes } from "@ledger/domain"

/** A printed income column: its label and the sources it sums. @category models */
export interface IncomeColumn {
  readonly label: string
  readonly sources: ReadonlyArray<Codes.FundingSource>
}

/** 财政拨款收入 and the three non-appropriation columns, in printing order. @category models */
export const SHANGHAI_INCOME: ReadonlyArray<IncomeColumn> = [
  { label: "财政拨款收入", sources: Codes.FISCAL_APPROPRIATION_SOURCES },
  { label: "事业收入", sources: ["business-income", "special-account"] },
  { label: "事业单位经营收入", sources: ["operating-income"] },
  { label: "其他收入", sources: ["other-income", "unit-funds"] },
]
