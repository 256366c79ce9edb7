/**
 * Generates `docs/event-catalogue.md` from the event schemas themselves, so the catalogue cannot
 * drift from what the decoder accepts: field paths, types, optionality and the rule each check
 * states come from the schema AST; only the one-paragraph meaning of each event is written here.
 *
 * The Markdown is passed through Prettier with the repository's settings before it is written, so
 * the file on disk is exactly what `pnpm format:check` expects and what this script generates.
 *
 * Run from the repository root: `npx tsx packages/domain/scripts/event-catalogue.ts`.
 */
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import * as prettier from "prettier"
import * as BudgetCommand from "../src/BudgetCommand.ts"
import * as E from "../src/BudgetEvent.ts"
import * as Errors from "../src/Errors.ts"

/** The meaning of each event type; a type added without one says so in the catalogue. */
const MEANING: Partial<Record<E.BudgetEventType, string>> = {
  AppropriationRecorded:
    "预算安排 / 指标下达: one current-year budget line. The line id is the finance system's 指标 id and is unique in the stream.",
  CarryoverRecorded:
    "上年结转: money of an earlier fiscal year (`originYear`, before the stream's year) carried in for its original purpose. With `sourceLineId` it names the origin line; when the ledger holds the origin year, that line must exist there and its 年终结转 must leave at least this amount (less what was already carried from it), in the same funding source.",
  AdjustmentRecorded:
    "追加 / 追减 (a signed `amount` change of one line, never below zero) or 调剂 / 调整 (a `reclassification` moving part of a line to a new line in the same funding source; the total is unchanged). Always with a reason and the 文号 that authorised it.",
  DepartmentProfileRecorded:
    "部门概况: the department's name, region, duties and the disclosure template; its code must be the stream's department.",
  UnitRegistered:
    "单位: a budget unit of the department with its type (行政 / 参公 / 事业), which decides the economic mapping and 机关运行经费.",
  ProjectRegistered:
    "项目: a project of a registered unit, with its category (其他运转类 / 特定目标类) and life.",
  PerformanceTargetsRecorded:
    "绩效目标表 of a registered project as the unit declared it. Its fund figures are declarations, checked by the auditor's rules, not by `decide`.",
  UnitOverallTargetsRecorded: "单位整体绩效目标: the unit declared overall performance targets.",
  PriorYearBudgetRecorded:
    "Last year's budget figures the narrative compares with (budget, not 决算). Must be for the year before the stream's.",
  NarrativeNoteRecorded:
    "A human-written reason or remark that a narrative section quotes, by topic; a later note on the same topic replaces it.",
  AssetHoldingsRecorded:
    "国有资产占有使用情况 as at a cut-off date: vehicles by category, office floor area, large equipment.",
  DisclosurePublished:
    "A disclosure was published. The seal (stream version, position, head hash, document hash) is computed by the publisher from the stored log.",
  YearEndClosed:
    "年终结转: which lines of this year carry into the next and by how much. Each line must exist and hold the amount (earlier closes included); when the next year is in the ledger, a line may not close below what it already carried in. The next year's carryovers name these lines.",
}

interface Row {
  readonly path: string
  readonly type: string
  readonly required: boolean
  readonly rule: string
}

/* The schema AST is walked structurally; its node shapes are Effect's, typed loosely here on purpose. */
type Node = {
  _tag: string
  literal?: unknown
  types?: ReadonlyArray<Node>
  rest?: ReadonlyArray<Node>
  propertySignatures?: ReadonlyArray<{ name: PropertyKey; type: Node }>
  checks?: ReadonlyArray<{ annotations?: { message?: string; expected?: string } }>
  context?: { isOptional?: boolean }
}

const rules = (n: Node): string =>
  (n.checks ?? [])
    .map((c) => c.annotations?.message ?? c.annotations?.expected ?? "")
    .filter((m) => m !== "")
    .join("; ")

const withoutUndefined = (n: Node): Node => {
  if (n._tag !== "Union" || n.types === undefined) return n
  const kept = n.types.filter((t) => t._tag !== "Undefined")
  return kept.length === 1 && kept[0] !== undefined ? kept[0] : { ...n, types: kept }
}

const typeName = (n: Node): string => {
  switch (n._tag) {
    case "Literal":
      return JSON.stringify(n.literal)
    case "Union":
      return (n.types ?? []).every((t) => t._tag === "Literal")
        ? (n.types ?? []).map(typeName).join(" | ")
        : "one of"
    case "Objects":
      return "object"
    case "Arrays":
      return `array of ${typeName(withoutUndefined(n.rest?.[0] ?? { _tag: "Unknown" }))}`
    case "Number":
      return (n.checks ?? []).some((c) => c.annotations?.expected?.includes("integer")) ? "integer" : "number"
    default:
      return n._tag.toLowerCase()
  }
}

const walk = (node: Node, path: string, required: boolean, out: Array<Row>): void => {
  const n = withoutUndefined(node)
  out.push({ path, type: typeName(n), required, rule: rules(n) })
  if (n._tag === "Objects") {
    for (const p of n.propertySignatures ?? []) {
      walk(p.type, `${path}.${String(p.name)}`, p.type.context?.isOptional !== true, out)
    }
  } else if (n._tag === "Union" && !(n.types ?? []).every((t) => t._tag === "Literal")) {
    for (const t of n.types ?? []) {
      const kind = t.propertySignatures?.find((p) => p.name === "kind")?.type.literal
      walk(t, `${path}⟨${typeof kind === "string" ? kind : t._tag}⟩`, required, out)
    }
  } else if (
    n._tag === "Arrays" &&
    n.rest?.[0] !== undefined &&
    withoutUndefined(n.rest[0])._tag === "Objects"
  ) {
    walk(n.rest[0], `${path}[]`, true, out)
  }
}

const escape = (s: string): string => s.replaceAll("|", "\\|")

/** The whole catalogue as Markdown, before formatting. */
export const renderCatalogue = (): string => {
  const parts: Array<string> = [
    "# Event catalogue",
    "",
    "<!-- Generated by `npx tsx packages/domain/scripts/event-catalogue.ts` from the schemas in `packages/domain/src`. Do not edit by hand. -->",
    "",
    "Every event of a department-year budget stream, as one NDJSON line or one element of an API batch:",
    "",
    "```json",
    '{ "stream": { "department": "002", "year": 2026 }, "eventId": "…", "schemaVersion": 1, "occurredAt": "2026-01-20",',
    '  "actor": "…", "idempotencyKey": "…", "type": "AppropriationRecorded", "data": { … } }',
    "```",
    "",
    "- `stream`: the department code and fiscal year; the store's stream id is `department/year`.",
    `- \`schemaVersion\`: ${E.CURRENT_SCHEMA_VERSION} for every type today.`,
    "- `occurredAt`: the business date (a date `2026-01-20` or a UTC instant `2026-01-20T01:00:00Z`); the store adds `recordedAt`.",
    "- `idempotencyKey`: same key and same body give the original result; same key and another body is a conflict.",
    "- `eventId`, `actor`: optional on the wire; the store and the API fill them in.",
    '- Amounts are strings of 元 with at most two decimals (`"1578100.00"`); a JSON number is refused.',
    '- Unknown fields are refused. Decoding lists every bad field with its path (`data.line.amount`) and the rule its table below states (an amount sent as a JSON number is told it "must be an amount in 元 written as a string …"); the events of a batch that did decode are still checked against the budget rules, so one answer lists every issue of the batch.',
    "- Codes are checked against the fiscal year's taxonomy (`packages/domain/data/taxonomy/YYYY.json`) by `decide`.",
    "",
    "## Appending",
    "",
    '- Versions: a stream with no events is at version 0, and each event takes the next version. `expectedVersion: 0` (or `If-Match: "0"`) therefore means "only if the stream is new"; a stale version is a 409 naming both versions.',
    "- A batch is all or nothing. A batch refused with 400 or 422 writes nothing, so it uses up neither its `Idempotency-Key` nor any event's `idempotencyKey`: correct the batch and send it again with the same keys.",
    "- Later events replace earlier ones where the state keeps one value: a later `PerformanceTargetsRecorded` for the same project replaces the earlier targets as a whole (send the complete table again, not the changed rows); a later `NarrativeNoteRecorded` on the same topic replaces its text; a later `DepartmentProfileRecorded`, `PriorYearBudgetRecorded` or `AssetHoldingsRecorded` replaces the earlier one.",
    "",
    "## How narrative notes become sentences",
    "",
    'A `NarrativeNoteRecorded` text is quoted in its section after the change it explains, as `，主要原因是{text}` (income, expenditure and general-budget changes) or `，原因是{text}` (三公经费 and 机关运行经费 changes); notes on the 政府购买服务 catalogue and other remarks are printed as they are, "无" when absent. The text\'s own end punctuation (`。；，`) is dropped, since the sentence goes on. A text that already opens with its cause — 主要…, 原因…, 由于…, 因为…, 系… — is written as it stands (`主要是人员增加` prints `，主要是人员增加`, never `主要原因是主要是…`), and a text opening with 是 shares the lead\'s 是. So write the reason itself ("人员增加"), in one clause, without a closing 。.',
    "",
  ]
  for (const member of E.BudgetEvent.members) {
    const type = member.fields.type.literal
    const rows: Array<Row> = []
    walk(member.fields.data.ast as unknown as Node, "data", true, rows)
    parts.push(
      `## ${type}`,
      "",
      MEANING[type] ?? "(Its meaning is not written yet; the fields below are what decoding accepts.)",
      "",
      "| field | type | required | rule |",
      "| --- | --- | --- | --- |",
    )
    for (const r of rows.slice(1)) {
      parts.push(`| \`${r.path}\` | ${escape(r.type)} | ${r.required ? "yes" : "no"} | ${escape(r.rule)} |`)
    }
    parts.push("")
  }
  parts.push(
    "## Commands",
    "",
    "Each command of `BudgetCommand` asks for exactly one event with the same payload; `AdjustLine` and `ReclassifyLine` flatten the adjustment's `change` into `data`.",
    "",
    "| command | event |",
    "| --- | --- |",
  )
  for (const member of BudgetCommand.BudgetCommand.members) {
    const name = member.fields.type.literal
    parts.push(`| \`${name}\` | \`${event(name)}\` |`)
  }
  parts.push(
    "",
    "## Rule errors",
    "",
    "`decide` (commands) and `decideEvent` (already-formed events) return the first broken rule as one of these tagged errors; each carries `path`, the field it is about.",
    "",
    ...Object.keys(Errors)
      .filter((k) => k !== "DomainError")
      .sort()
      .map((k) => `- \`${k}\``),
    "",
  )
  return parts.join("\n")
}

/** The event a command asks for, found by asking `toEvent` itself. */
const event = (command: string): string => {
  const e = BudgetCommand.toEvent({ type: command, data: {} } as unknown as BudgetCommand.BudgetCommand)
  return e.type === "AdjustmentRecorded" ? `${e.type} (change.kind = ${e.data.change.kind})` : e.type
}

/** Where the catalogue lives. */
export const CATALOGUE_PATH = new URL("../../../docs/event-catalogue.md", import.meta.url)

/** The catalogue as it is stored: formatted by Prettier with the repository's configuration. */
export const formatCatalogue = async (): Promise<string> => {
  const file = fileURLToPath(CATALOGUE_PATH)
  const options = (await prettier.resolveConfig(file)) ?? {}
  return prettier.format(renderCatalogue(), { ...options, filepath: file })
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  writeFileSync(CATALOGUE_PATH, await formatCatalogue())
}
