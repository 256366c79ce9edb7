/**
 * Public entry of @ledger/cli. A placeholder so the workspace type-checks, lints and
 * builds before the package's owner lands real code; replace freely.
 */
export {}
