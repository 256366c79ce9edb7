/**
 * The performance-target tables (绩效目标表) of a disclosure.
 *
 * @module performance
 */
export { buildPerformanceTargets } from "./build-performance-targets.ts"
export { FundsYuan, PerformanceTargetTable, PrintedFunds, PrintedIndicator } from "./schema.ts"
