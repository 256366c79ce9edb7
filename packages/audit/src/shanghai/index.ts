/**
 * The rule set of the `shanghai-district-9` layout: its cross-table identities, table 9, the
 * empty-table notes, the titles' year and the narrative figures, under the rule ids of the same
 * kind of check in R1–R16 (so findings read alike whatever the template).
 *
 * @module shanghai
 */
import type { Rule } from "../rules/context.ts"
import type { RuleId } from "../model/finding.ts"
import { shR14 } from "./narrative.ts"
import { shR10, shR11, shR16, shR9 } from "./three-public.ts"
import { shR1, shR2, shR3, shR4, shR6, shR7, shR8 } from "./tables.ts"

/** The Shanghai district rules, in order. @category rules */
export const SHANGHAI_RULES: ReadonlyArray<readonly [RuleId, Rule]> = [
  ["R1", shR1],
  ["R2", shR2],
  ["R3", shR3],
  ["R4", shR4],
  ["R6", shR6],
  ["R7", shR7],
  ["R8", shR8],
  ["R9", shR9],
  ["R10", shR10],
  ["R11", shR11],
  ["R14", shR14],
  ["R16", shR16],
]
