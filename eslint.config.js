/**
 * ESLint 9 flat config for the whole workspace. Every package lints its own `src` (`eslint src`),
 * type-checked through the nearest tsconfig via the project service. Purity rules (no clock, no
 * randomness, no env) apply to the pure cores; dependency direction is checked separately by
 * `scripts/check-deps.mjs`, which is faster and knows the workspace graph.
 */
import js from "@eslint/js"
import { defineConfig, globalIgnores } from "eslint/config"
import globals from "globals"
import tseslint from "typescript-eslint"

/** Member accesses that read ambient time, randomness or environment. */
const impureProperties = [
  { object: "Date", property: "now", message: "Pure code reads no clock: take time from Effect Clock." },
  { object: "Math", property: "random", message: "Pure code uses no randomness: inject an IdGenerator." },
  {
    object: "crypto",
    property: "randomUUID",
    message: "Pure code uses no randomness: inject an IdGenerator.",
  },
  {
    object: "crypto",
    property: "getRandomValues",
    message: "Pure code uses no randomness: inject an IdGenerator.",
  },
  {
    object: "performance",
    property: "now",
    message: "Pure code reads no clock: take time from Effect Clock.",
  },
  { object: "process", property: "env", message: "Pure code reads no env: configuration enters at apps/*." },
]

export default defineConfig(
  globalIgnores([
    "**/node_modules/**",
    "**/dist/**",
    "**/.cache/**",
    "**/.turbo/**",
    "**/coverage/**",
    "**/.ledger/**",
    "artifacts/**",
    "fixtures/**",
  ]),
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // Effect generators commonly `yield*` without awaiting and namespaces are plain modules.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // The pure cores: replaying the same events must give the same bytes, so no ambient inputs.
    files: ["packages/domain/src/**", "packages/projections/src/**"],
    rules: {
      "no-restricted-properties": ["error", ...impureProperties],
      "no-restricted-globals": [
        "error",
        { name: "setTimeout", message: "Pure code does not schedule: use Effect." },
        { name: "setInterval", message: "Pure code does not schedule: use Effect." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "`new Date()` reads the clock: pass the time in, or use Effect Clock.",
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: "`Date()` reads the clock: pass the time in, or use Effect Clock.",
        },
      ],
    },
  },
  {
    // Plain JS tooling (this file, scripts/*.mjs): no type information, Node globals.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
)
