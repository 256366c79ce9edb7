/**
 * @ledger/cli — the `ledger` command line. Its commands are exported for in-process tests.
 *
 * @module
 */
export { commands, HELP } from "./commands/index.ts"
export type { Command, CommandContext } from "./commands/context.ts"
