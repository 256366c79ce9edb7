/**
 * How a template prints an amount cell: 万元 rounded cell by cell (Shanxi, and Shanghai's 三公 table),
 * or whole 元 with thousands separators (Shanghai's other tables); zero blank or printed. This is
 * the one place where an exact 元 sum becomes the text of a table cell, so a template chooses a
 * unit per table and never converts by hand.
 *
 * @module display-unit
 */
import { Money } from "@ledger/domain"

/** The printed unit and the cell formatter of a table. @category models */
export interface DisplayUnit {
  readonly unit: "万元" | "元"
  readonly cell: (amount: Money.Money) => string
}

/** 万元 with two decimals, blank when the rounded figure is zero (the Shanxi tables). @category models */
export const WAN_BLANK_ZERO: DisplayUnit = { unit: "万元", cell: Money.toWanCell }

/** 万元 with two decimals, zero printed as `0.00` (Shanghai's 三公 and 机关运行经费 table). @category models */
export const WAN_ZERO: DisplayUnit = { unit: "万元", cell: Money.toWan }

/** 元 with thousands separators, blank when zero (Shanghai's tables 1–8: "47,483,458"). @category models */
export const YUAN_GROUPED_BLANK_ZERO: DisplayUnit = {
  unit: "元",
  cell: (a) => (Money.isZero(a) ? "" : Money.toYuanGrouped(a)),
}
