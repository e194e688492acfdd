/** Where the Databricks layer reports progress; the runner layer maps it onto @actions/core. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

/** A logger that drops everything, for callers that do not care. */
export const silentLogger: Logger = { info: () => {}, warning: () => {}, debug: () => {} }
