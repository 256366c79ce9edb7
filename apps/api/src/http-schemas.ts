/**
 * The Effect Schemas of the API's own boundary: path parameters, queries, bodies and responses that
 * are not domain documents. Domain payloads (events, disclosures, findings) keep the schemas of the
 * packages that own them.
 */
import { Codes } from "@ledger/domain"
import { AsOfText } from "@ledger/projections"
import { Format } from "@ledger/render"
import { Schema } from "effect"

/** `{code}` and `{year}` of a department-year path. @category models */
export const DepartmentYearPath = Schema.Struct({
  code: Codes.DepartmentCode,
  year: Schema.String.check(
    Schema.isPattern(/^(20\d\d|2100)$/, { message: "must be a fiscal year between 2000 and 2100" }),
  ),
})
/** @category models */
export type DepartmentYearPath = typeof DepartmentYearPath.Type

/** `asOf` (and `from`/`to`): the one string form of `@ledger/projections`' `AsOf`, grammar-checked. */
const AsOfParam = AsOfText

/**
 * A consistency token: the log position the client has seen (an append's `lastPosition`, or a read's
 * `Ledger-Position` header); the answer reflects at least that position. @category models
 */
export const MinPosition = Schema.String.check(
  Schema.isPattern(/^\d{1,15}$/, { message: "a log position (a whole number), e.g. 1234" }),
)

/** An optional query parameter with the description the OpenAPI document gives it. */
const described = <S extends Schema.Top>(schema: S, description: string) =>
  Schema.optionalKey(schema).annotate({ description })

const AS_OF =
  "the point to replay: current (default), published, a log position, an ISO instant or a date (recorded by; a date is the end of that day in Asia/Shanghai), or occurred:DATE (business time)"

/** `format`: the output format of a document. @category models */
export const FormatQueryParam = described(
  Format,
  "json (default, the budget-disclosure/v1 document), html (the printable page), txt (plain text), csv (application/zip: one UTF-8 CSV file per table) xlsx (one sheet per table), pdf (printed, A4), fdp (a Fiscal Data Package zip) or ndjson (the budget lines); overrides Accept",
)

/** Query of the disclosure route. @category models */
export const DisclosureQuery = Schema.Struct({
  asOf: described(AsOfParam, AS_OF),
  format: FormatQueryParam,
  minPosition: described(
    MinPosition,
    "consistency token (as the Ledger-Min-Position header): the answer reflects at least this log position",
  ),
})

/** Query of routes that only take an as-of point. @category models */
export const AsOfQuery = Schema.Struct({ asOf: described(AsOfParam, AS_OF) })

/** Query of the diff route. @category models */
export const DiffQuery = Schema.Struct({
  from: described(AsOfParam, `the earlier point (default published); ${AS_OF}`),
  to: described(AsOfParam, `the later point (default current); ${AS_OF}`),
})

/** Path of a table cell. @category models */
export const CellPath = Schema.Struct({
  ...DepartmentYearPath.fields,
  tableId: Schema.String.check(Schema.isPattern(/^[0-9A-Za-z-]{1,20}$/)),
  row: Schema.String.check(Schema.isPattern(/^\d{1,5}$/, { message: "must be a row index" })),
  col: Schema.String.check(Schema.isPattern(/^\d{1,3}$/, { message: "must be a column index" })),
})

/** The body of an append: events in the documented wire format, and optionally the expected version. @category models */
export const AppendBody = Schema.Struct({
  events: Schema.Array(Schema.Unknown).check(Schema.isMinLength(1), Schema.isMaxLength(10_000)),
  expectedVersion: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 1_000_000_000 })),
  ),
}).annotate({ identifier: "AppendBody" })

/** The answer to an append. @category models */
export const AppendResponse = Schema.Struct({
  streamId: Schema.String,
  fromVersion: Schema.Int,
  toVersion: Schema.Int,
  appended: Schema.Int,
  skipped: Schema.Int,
  firstPosition: Schema.NullOr(Schema.Int),
  lastPosition: Schema.NullOr(Schema.Int),
}).annotate({ identifier: "AppendResponse" })

/** A department with the fiscal years it has streams for. @category models */
const DepartmentEntry = Schema.Struct({
  code: Schema.String,
  name: Schema.optionalKey(Schema.String).annotate({
    description: "部门名称 from the latest year's DepartmentProfileRecorded (absent before one is recorded)",
  }),
  template: Schema.optionalKey(Schema.String).annotate({
    description: "the disclosure template of that profile",
  }),
  years: Schema.Array(
    Schema.Struct({ year: Schema.Int, version: Schema.Int, position: Schema.Int, headHash: Schema.String }),
  ),
})
/** The list of departments. @category models */
export const DepartmentList = Schema.Struct({ departments: Schema.Array(DepartmentEntry) }).annotate({
  identifier: "DepartmentList",
})

/** One event of an audit trail: who, when (business and system time), its chain hashes and payload. @category models */
export const AuditEvent = Schema.Struct({
  position: Schema.Int,
  version: Schema.Int,
  eventId: Schema.String,
  type: Schema.String,
  schemaVersion: Schema.Int,
  occurredAt: Schema.String,
  recordedAt: Schema.String,
  actor: Schema.String,
  idempotencyKey: Schema.String,
  prevHash: Schema.String,
  hash: Schema.String,
  data: Schema.Json,
}).annotate({ identifier: "AuditEvent" })
/** @category models */
export type AuditEvent = typeof AuditEvent.Type

/** The events of a stream. @category models */
export const EventList = Schema.Struct({
  streamId: Schema.String,
  version: Schema.Int,
  events: Schema.Array(AuditEvent),
}).annotate({ identifier: "EventList" })

/** The chain verification status of the whole store. @category models */
export const VerifyStatus = Schema.Struct({
  ok: Schema.Boolean,
  checked: Schema.optional(Schema.Int),
  streams: Schema.optional(Schema.Int),
  streamId: Schema.optional(Schema.String),
  position: Schema.optional(Schema.Int),
  version: Schema.optional(Schema.Int),
  reason: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String),
}).annotate({ identifier: "VerifyStatus" })

/** Path of a key. @category models */
export const KeyPath = Schema.Struct({
  keyId: Schema.String.check(Schema.isPattern(/^[0-9a-f]{12}$/, { message: "must be a key id" })),
})
