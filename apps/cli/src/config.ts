/**
 * The command line's configuration, read with Effect `Config` from the command's environment (a
 * `ConfigProvider` over `CommandContext.env`, so in-process tests pass their own): which store,
 * the anchor key, the user recorded as the actor, and the known-defect registry file.
 *
 * @module
 */
import { DEFAULT_PGLITE_DIR } from "@ledger/store-postgres"
import { Config, ConfigProvider, Effect, Option } from "effect"

const optional = (name: string) =>
  Config.map(Config.option(Config.NonEmptyString(name)), (o) => Option.getOrUndefined(o))

/** The environment variables the command line understands, all optional. @category models */
export interface CliConfig {
  /** PostgreSQL (`DATABASE_URL`); when absent, the embedded store in {@link CliConfig.storeDir}. */
  readonly databaseUrl: string | undefined
  /** The embedded PGlite folder (`LEDGER_STORE`, default `./.ledger`). */
  readonly storeDir: string
  /** HMAC key of anchor files (`LEDGER_ANCHOR_KEY`). */
  readonly anchorKey: string | undefined
  /** The actor recorded when `--actor` is not given (`USER`, else `cli`). */
  readonly actor: string
  /** The known-defect registry file when `--known-defects` is not given (`LEDGER_KNOWN_DEFECTS`). */
  readonly knownDefects: string | undefined
}

/** The configuration as an Effect `Config`. @category constructors */
const cliConfig: Config.Config<CliConfig> = Config.all({
  databaseUrl: optional("DATABASE_URL"),
  storeDir: Config.NonEmptyString("LEDGER_STORE").pipe(Config.withDefault(DEFAULT_PGLITE_DIR)),
  anchorKey: optional("LEDGER_ANCHOR_KEY"),
  actor: Config.NonEmptyString("USER").pipe(Config.withDefault("cli")),
  knownDefects: optional("LEDGER_KNOWN_DEFECTS"),
})

/**
 * Reads the configuration from a command's environment. Every variable is an optional string
 * (an empty one counts as unset), so reading cannot fail.
 */
export const configOf = (env: Readonly<Record<string, string | undefined>>): CliConfig =>
  Effect.runSync(cliConfig.parse(ConfigProvider.fromEnvRecord({ ...env })))
