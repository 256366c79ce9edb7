/**
 * `checkDisclosure`: runs the auditor's rules R1–R16 (domain.md §5.1) over a disclosure and reports
 * which rules hold and every finding. Pure: the same document and state give the same result.
 *
 * @module rules
 */
import { type BudgetState, Codes } from "@ledger/domain"
import type { AuditDocument } from "../model/document.ts"
import { type CheckResult, type Finding, RULE_IDS, type RuleId } from "../model/finding.ts"
import { SHANGHAI_RULES } from "../shanghai/index.ts"
import { makeContext, type Rule } from "./context.ts"
import { type KnownDefectRegistry, NO_KNOWN_DEFECTS, scopeKnownDefects } from "./known-defect-scope.ts"
import { r1, r2, r3 } from "./r01-r03.ts"
import { r4, r5 } from "./r04-r05.ts"
import { r6 } from "./r06-t4.ts"
import { r7, r9 } from "./r07-r09.ts"
import { r8 } from "./r08-t6.ts"
import { r10, r11 } from "./r10-r11.ts"
import { r12, r13 } from "./r12-r13.ts"
import { r14Figures } from "./r14-narrative.ts"
import { r14Targets } from "./r14-targets.ts"
import { r14Text } from "./r14-text.ts"
import { r15 } from "./r15-performance.ts"
import { r16 } from "./r16-metadata.ts"

/** Every rule, in order; R14 is three passes (figures, section 十, text scan). @category rules */
const RULES: ReadonlyArray<readonly [RuleId, Rule]> = [
  ["R1", r1],
  ["R2", r2],
  ["R3", r3],
  ["R4", r4],
  ["R5", r5],
  ["R6", r6],
  ["R7", r7],
  ["R8", r8],
  ["R9", r9],
  ["R10", r10],
  ["R11", r11],
  ["R12", r12],
  ["R13", r13],
  ["R14", r14Figures],
  ["R14", r14Targets],
  ["R14", r14Text],
  ["R15", r15],
  ["R16", r16],
]

/**
 * The rule set of each template (its layout's identities); typed by `Codes.TemplateId`, so a new
 * template without a rule set does not compile. A document without a template id is Shanxi's.
 * @category rules
 */
const RULE_SETS: Readonly<Record<Codes.TemplateId, ReadonlyArray<readonly [RuleId, Rule]>>> = {
  "shanxi-county-13": RULES,
  "shanghai-district-9": SHANGHAI_RULES,
}

const rulesOf = (template: string | undefined): ReadonlyArray<readonly [RuleId, Rule]> =>
  template !== undefined && Codes.isTemplateId(template) ? RULE_SETS[template] : RULES

/**
 * Runs the rule set of the document's template (R1–R16 for Shanxi). A rule "passes" when it has no
 * error finding (warnings are soft checks); `passed` lists the rules of that set. Known-defect
 * labels (§5.2) stay only where `knownDefects` acknowledges them (by default nowhere).
 * @category rules
 */
export const checkAudit = (
  doc: AuditDocument,
  state?: BudgetState.BudgetState,
  knownDefects: KnownDefectRegistry = NO_KNOWN_DEFECTS,
): CheckResult => {
  const ctx = makeContext(doc, state)
  const set = rulesOf(doc.template)
  const findings: Finding[] = scopeKnownDefects(
    knownDefects,
    doc,
    set.flatMap(([, rule]) => rule(ctx)),
  )
  const failed = new Set(findings.filter((f) => f.severity === "error").map((f) => f.rule))
  const ids = new Set(set.map(([id]) => id))
  return { passed: RULE_IDS.filter((r) => ids.has(r) && !failed.has(r)), findings }
}
