/**
 * The API's configuration, read with Effect `Config` from the environment (through the runtime's
 * `ConfigProvider`, so no module reads `process.env`); everything else receives a decoded {@link ApiConfig}.
 */
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { type KnownDefectRegistry, NO_KNOWN_DEFECTS, parseKnownDefectRegistry } from "@ledger/audit"
import { SchemaIssues } from "@ledger/domain"
import { Cause, Config, ConfigProvider, Effect, Exit, Option, Result, Schema } from "effect"
import { DEFAULT_FIXTURES, DEFAULT_KNOWN_DEFECTS } from "./seed.ts"

const Port = Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 65535 }))
const Positive = Schema.NumberFromString.check(Schema.isInt(), Schema.isGreaterThan(0))
const Millis = Schema.NumberFromString.check(
  Schema.isInt(),
  Schema.isBetween({ minimum: 0, maximum: 999_999 }),
)
const Threads = Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 99 }))
const Timeout = Schema.NumberFromString.check(
  Schema.isInt(),
  Schema.isBetween({ minimum: 1, maximum: 9_999_999 }),
)
const optional = (name: string) =>
  Config.map(Config.option(Config.NonEmptyString(name)), (o) => Option.getOrUndefined(o))

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
  /**
   * Worker threads for replays (`LEDGER_REPLAY_WORKERS`; default 2 on PostgreSQL, 1 on the embedded
   * store, where the streams are read on the request thread anyway); 0 replays in process. Each
   * starts on the first replay that needs it, not at start.
   */
  readonly replayWorkers: number
  /**
   * How long a stream head read from the store is trusted by token-less reads (`LEDGER_HEAD_TTL_MS`,
   * default 1000; 0: every read asks the store): how late an append by another process may show.
   */
  readonly headTtlMs: number
  /** Longest a replay may run on a worker before it is refused with 503 (`LEDGER_REPLAY_TIMEOUT_MS`). */
  readonly replayTimeoutMs: number
  /**
   * The known-defect registry file (`LEDGER_KNOWN_DEFECTS`, `known-defects/v1`, relative to the working
   * folder): which published documents carry which acknowledged §5.2 labels; none: no label at all.
   * With the default fixtures (the reference department) and no variable, the reference's registry.
   */
  readonly knownDefects: string | undefined
}

/** A configuration value that does not decode, naming the variable. @category errors */
export class InvalidConfig extends Error {
  override readonly name = "InvalidConfig"
}

/** Defaults: the README's `pnpm start` works with no environment at all. */
export const DEFAULT_MAX_BODY = 4 * 1024 * 1024

/**
 * The API's configuration as an Effect `Config`: read from the runtime's `ConfigProvider` (the
 * process environment by default; tests give a record). @category constructors
 */
const apiConfig: Config.Config<ApiConfig> = Config.all({
  port: Config.schema(Port, "PORT").pipe(Config.withDefault(3000)),
  host: Config.NonEmptyString("HOST").pipe(Config.withDefault("127.0.0.1")),
  databaseUrl: optional("DATABASE_URL"),
  storeDir: Config.NonEmptyString("LEDGER_STORE").pipe(Config.withDefault("./.ledger")),
  maxBodyBytes: Config.schema(Positive, "LEDGER_MAX_BODY").pipe(Config.withDefault(DEFAULT_MAX_BODY)),
  fixture: Config.NonEmptyString("LEDGER_FIXTURE").pipe(Config.withDefault(DEFAULT_FIXTURES)),
  demoKeys: Config.Literals(["0", "1"], "LEDGER_DEMO_KEYS").pipe(
    Config.withDefault("0"),
    Config.map((v) => v === "1"),
  ),
  readDatabaseUrls: optional("LEDGER_READ_DATABASE_URL").pipe(
    Config.map((v) =>
      (v ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter((u) => u !== ""),
    ),
  ),
  replicaWaitMs: Config.schema(Millis, "LEDGER_REPLICA_WAIT_MS").pipe(Config.withDefault(500)),
  anchorKey: optional("LEDGER_ANCHOR_KEY"),
  replayWorkers: Config.map(
    Config.all({
      workers: Config.option(Config.schema(Threads, "LEDGER_REPLAY_WORKERS")),
      databaseUrl: optional("DATABASE_URL"),
    }),
    ({ workers, databaseUrl }) => Option.getOrElse(workers, () => (databaseUrl === undefined ? 1 : 2)),
  ),
  headTtlMs: Config.schema(Millis, "LEDGER_HEAD_TTL_MS").pipe(Config.withDefault(1_000)),
  replayTimeoutMs: Config.schema(Timeout, "LEDGER_REPLAY_TIMEOUT_MS").pipe(Config.withDefault(30_000)),
  knownDefects: Config.map(
    Config.all({
      file: optional("LEDGER_KNOWN_DEFECTS"),
      fixture: Config.NonEmptyString("LEDGER_FIXTURE").pipe(Config.withDefault(DEFAULT_FIXTURES)),
    }),
    // The reference fixtures come with their registry; any other fixture, none unless named.
    ({ file, fixture }) => file ?? (fixture === DEFAULT_FIXTURES ? DEFAULT_KNOWN_DEFECTS : undefined),
  ),
})

/** Reads the configuration from a provider; a bad value is an {@link InvalidConfig} naming the variable. */
const readConfig = (provider: ConfigProvider.ConfigProvider): Effect.Effect<ApiConfig, InvalidConfig> =>
  apiConfig.parse(provider).pipe(
    Effect.mapError(
      (e) =>
        new InvalidConfig(
          Schema.isSchemaError(e.cause)
            ? SchemaIssues.fieldIssues(e.cause)
                .map((i) => `${SchemaIssues.dotted(i.path)}: ${i.message}`)
                .join("; ")
            : e.message,
        ),
    ),
    Effect.filterOrFail(
      (c) => c.readDatabaseUrls.length === 0 || c.databaseUrl !== undefined,
      () => new InvalidConfig("LEDGER_READ_DATABASE_URL: read replicas need DATABASE_URL (the primary)"),
    ),
  )

/** Decodes a configuration from an environment record (tests pass their own). @category constructors */
export const configFromEnv = (env: Readonly<Record<string, string | undefined>>): ApiConfig => {
  const exit = Effect.runSyncExit(readConfig(ConfigProvider.fromEnvRecord({ ...env })))
  if (Exit.isSuccess(exit)) return exit.value
  throw Cause.squash(exit.cause)
}

/**
 * Reads and decodes the known-defect registry a configuration names (the empty registry when it
 * names none); a file that cannot be read or does not decode is an {@link InvalidConfig}, so the
 * server refuses to start rather than label findings from a registry it misread.
 * @category constructors
 */
export const knownDefectsOf = (config: Pick<ApiConfig, "knownDefects">): KnownDefectRegistry => {
  if (config.knownDefects === undefined) return NO_KNOWN_DEFECTS
  let text: string
  try {
    text = readFileSync(resolve(config.knownDefects), "utf8")
  } catch (e) {
    throw new InvalidConfig(
      `LEDGER_KNOWN_DEFECTS: cannot read ${config.knownDefects}: ${(e as Error).message}`,
    )
  }
  const decoded = parseKnownDefectRegistry(text)
  if (Result.isFailure(decoded))
    throw new InvalidConfig(`LEDGER_KNOWN_DEFECTS: ${config.knownDefects}: ${decoded.failure.message}`)
  return decoded.success
}

/** The configuration of this process, from the environment through the default `ConfigProvider`. @category constructors */
export const loadConfig = (): Promise<ApiConfig> =>
  Effect.runPromise(
    Effect.gen(function* () {
      return yield* readConfig(yield* ConfigProvider.ConfigProvider)
    }),
  )
