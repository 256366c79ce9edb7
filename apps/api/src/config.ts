/**
 * The API's configuration, decoded from the environment with an Effect Schema. This is the only
 * module of the API that reads `process.env`; everything else receives a decoded {@link ApiConfig}.
 */
import { Result, Schema } from "effect"
import * as SchemaIssue from "effect/SchemaIssue"
import { DEFAULT_FIXTURES } from "./seed.ts"

const Port = Schema.String.check(
  Schema.isPattern(/^\d{1,5}$/, { message: "must be a TCP port number, e.g. 3000" }),
)
const Bytes = Schema.String.check(
  Schema.isPattern(/^[1-9]\d{0,9}$/, { message: "must be a positive number of bytes, e.g. 1048576" }),
)

/** The environment variables the API understands, all optional. @category models */
const ApiEnv = Schema.Struct({
  PORT: Schema.optional(Port),
  HOST: Schema.optional(Schema.NonEmptyString),
  DATABASE_URL: Schema.optional(Schema.NonEmptyString),
  LEDGER_STORE: Schema.optional(Schema.NonEmptyString),
  LEDGER_MAX_BODY: Schema.optional(Bytes),
  LEDGER_FIXTURE: Schema.optional(Schema.NonEmptyString),
  LEDGER_DEMO_KEYS: Schema.optional(Schema.Literals(["0", "1"])),
  LEDGER_READ_DATABASE_URL: Schema.optional(Schema.NonEmptyString),
  LEDGER_ANCHOR_KEY: Schema.optional(Schema.NonEmptyString),
  LEDGER_REPLAY_WORKERS: Schema.optional(
    Schema.String.check(
      Schema.isPattern(/^\d{1,2}$/, { message: "must be a number of threads, e.g. 2 (0: in process)" }),
    ),
  ),
  LEDGER_REPLAY_TIMEOUT_MS: Schema.optional(
    Schema.String.check(Schema.isPattern(/^[1-9]\d{0,6}$/, { message: "must be milliseconds, e.g. 30000" })),
  ),
  LEDGER_REPLICA_WAIT_MS: Schema.optional(
    Schema.String.check(Schema.isPattern(/^\d{1,6}$/, { message: "must be milliseconds, e.g. 500" })),
  ),
})

/** The decoded configuration. @category models */
export interface ApiConfig {
  readonly port: number
  readonly host: string
  /** PostgreSQL when set; otherwise the embedded PGlite store in {@link ApiConfig.storeDir}. */
  readonly databaseUrl: string | undefined
  readonly storeDir: string
  /** Largest accepted request body in bytes; larger bodies get 413. */
  readonly maxBodyBytes: number
  /** Events loaded into an empty store at start: files relative to the repository root, comma-separated, imported in order. */
  readonly fixture: string
  /** `LEDGER_DEMO_KEYS=1`: make demo keys even on PostgreSQL or a store that had keys (never beside real ones). */
  readonly demoKeys: boolean
  /** Read replicas of `databaseUrl` (`LEDGER_READ_DATABASE_URL`, comma-separated); empty: none. */
  readonly readDatabaseUrls: ReadonlyArray<string>
  /** How long a read with a consistency token waits for a replica before asking the primary. */
  readonly replicaWaitMs: number
  /** HMAC key that signs anchors (`LEDGER_ANCHOR_KEY`, as for `ledger anchor`); none: unsigned. */
  readonly anchorKey: string | undefined
  /** Worker threads for replays (`LEDGER_REPLAY_WORKERS`, default 2); 0 replays in process. */
  readonly replayWorkers: number
  /** Longest a replay may run on a worker before it is refused with 503 (`LEDGER_REPLAY_TIMEOUT_MS`). */
  readonly replayTimeoutMs: number
}

/** A configuration value that does not decode, naming the variable. @category errors */
export class InvalidConfig extends Error {
  override readonly name = "InvalidConfig"
}

/** Defaults: the README's `pnpm start` works with no environment at all. */
export const DEFAULT_MAX_BODY = 4 * 1024 * 1024

/** Decodes a configuration from an environment record (tests pass their own). @category constructors */
export const configFromEnv = (env: Readonly<Record<string, string | undefined>>): ApiConfig => {
  const decoded = Schema.decodeUnknownResult(ApiEnv)(
    Object.fromEntries(
      Object.keys(ApiEnv.fields).flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])),
    ),
    { errors: "all" },
  )
  if (Result.isFailure(decoded)) {
    const issues = SchemaIssue.makeFormatterStandardSchemaV1()(decoded.failure.issue).issues
    throw new InvalidConfig(
      issues
        .map(
          (i) =>
            `${(i.path ?? []).map((k) => String(typeof k === "object" ? k.key : k)).join(".")}: ${i.message}`,
        )
        .join("; "),
    )
  }
  const e = decoded.success
  const port = e.PORT === undefined ? 3000 : Number(e.PORT)
  if (port > 65535) throw new InvalidConfig("PORT: must be at most 65535")
  if (e.LEDGER_READ_DATABASE_URL !== undefined && e.DATABASE_URL === undefined)
    throw new InvalidConfig("LEDGER_READ_DATABASE_URL: read replicas need DATABASE_URL (the primary)")
  return {
    port,
    host: e.HOST ?? "127.0.0.1",
    databaseUrl: e.DATABASE_URL,
    storeDir: e.LEDGER_STORE ?? "./.ledger",
    maxBodyBytes: e.LEDGER_MAX_BODY === undefined ? DEFAULT_MAX_BODY : Number(e.LEDGER_MAX_BODY),
    fixture: e.LEDGER_FIXTURE ?? DEFAULT_FIXTURES,
    demoKeys: e.LEDGER_DEMO_KEYS === "1",
    readDatabaseUrls: (e.LEDGER_READ_DATABASE_URL ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter((u) => u !== ""),
    replicaWaitMs: e.LEDGER_REPLICA_WAIT_MS === undefined ? 500 : Number(e.LEDGER_REPLICA_WAIT_MS),
    anchorKey: e.LEDGER_ANCHOR_KEY,
    replayWorkers: e.LEDGER_REPLAY_WORKERS === undefined ? 2 : Number(e.LEDGER_REPLAY_WORKERS),
    replayTimeoutMs: e.LEDGER_REPLAY_TIMEOUT_MS === undefined ? 30_000 : Number(e.LEDGER_REPLAY_TIMEOUT_MS),
  }
}

/** The configuration of this process. @category constructors */
export const loadConfig = (): ApiConfig => configFromEnv(process.env)
