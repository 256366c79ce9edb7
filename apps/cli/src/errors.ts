/**
 * Turns any typed failure into the one or few lines a person at a terminal needs, and an exit code.
 * Like the API's error map, the table is keyed by the `_tag` of the declared error union, so an
 * error added to one of those unions and not described here fails to compile.
 *
 * @module
 */
import type { InvalidDisclosure, UnreadableDocument } from "@ledger/audit"
import type { AppendError, LedgerIntegrity, SchemaTooNew } from "@ledger/eventstore"
import type { PrintFailed } from "@ledger/print"
import type { InvalidAsOf, NoSuchCell } from "@ledger/projections"
import type { BatchRejected, PublishRefused, ReplayError } from "@ledger/service"

/** A failure as printed: message lines and the process exit code. */
export interface Printed {
  readonly lines: ReadonlyArray<string>
  readonly exitCode: number
}

/**
 * The exit code of every command that found the ledger's history broken (its hash chain does not
 * match, or it disagrees with an anchor): distinct from 1 (refused or failed) and 2 (usage), so a
 * script can raise the alarm.
 */
export const EXIT_BROKEN_HISTORY = 3

/** Every tagged error a command can raise: the store's, the service's, the projections' and the audit engine's. */
type DeclaredError =
  | AppendError
  | SchemaTooNew
  | LedgerIntegrity
  | BatchRejected
  | ReplayError
  | PublishRefused
  | InvalidAsOf
  | NoSuchCell
  | UnreadableDocument
  | InvalidDisclosure
  | PrintFailed

/** The table's type: one describer per tag of {@link DeclaredError}, none missing, none extra. */
export type ErrorTable = {
  readonly [K in DeclaredError["_tag"]]: (e: Extract<DeclaredError, { readonly _tag: K }>) => Printed
}

const named = (e: { readonly _tag: string; readonly message: string }): Printed => ({
  lines: [`${e._tag}: ${e.message}`],
  exitCode: 1,
})

/** The table: error tag → printed lines. */
export const TABLE: ErrorTable = {
  BatchRejected: (e) => ({
    lines: ["rejected, nothing was written:", ...e.message.split("\n").map((l) => "  " + l)],
    exitCode: 1,
  }),
  UnknownDepartmentYear: (e) => ({
    lines: [`no events for department ${e.department} in ${e.year}`],
    exitCode: 1,
  }),
  LedgerIntegrity: (e) => ({
    lines: [`BROKEN HISTORY: ${e.message}`, "nothing was built, printed or written; run `ledger verify`"],
    exitCode: EXIT_BROKEN_HISTORY,
  }),
  StreamVersionConflict: named,
  IdempotencyConflict: named,
  StoreUnavailable: named,
  InvalidEvent: named,
  SchemaTooNew: named,
  PublishRefused: named,
  InvalidAsOf: named,
  NoSuchCell: named,
  NotPublished: named,
  EmptySelection: named,
  MissingDepartmentProfile: named,
  NotABudgetStream: named,
  UnresolvedCodes: named,
  UnknownYear: named,
  UnreadableDocument: named,
  InvalidDisclosure: named,
  PrintFailed: (e) => ({
    lines: [`${e.message} (--format pdf needs Chromium at /usr/bin/chromium)`],
    exitCode: 1,
  }),
}

const tagOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "_tag" in e ? String(e._tag) : undefined

/** Describes a failure from the service, the store or the projections. */
export const describeFailure = (error: unknown): Printed => {
  const tag = tagOf(error)
  if (tag !== undefined && Object.hasOwn(TABLE, tag))
    return (TABLE[tag as DeclaredError["_tag"]] as (e: DeclaredError) => Printed)(error as DeclaredError)
  const message = error instanceof Error ? error.message : String(error)
  return { lines: [tag === undefined ? message : `${tag}: ${message}`], exitCode: 1 }
}
