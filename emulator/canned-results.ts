import { randomInt, randomUUID } from 'node:crypto'
import type { Results } from './kernel.js'

/** What a cancelled command answers: Finished with a CommandCancelledException error. */
export function cancelledResults(): Results {
  return {
    resultType: 'error',
    summary: "<span class='ansi-red-fg'>CommandCancelledException</span>: Command was cancelled",
    cause:
      'com.databricks.backend.common.rpc.CommandCancelledException\n\tat com.databricks.spark.chauffeur.ExecContextState.cancel(ExecContextState.scala:412)\n'
  }
}

/**
 * What a command answers when its context is shut down under it (cluster restart, eviction):
 * Finished with a CommandCancelledException whose trace shows the shutdown. The frames are the
 * emulator's own; only the exception and the shutdown in the trace are the service's shape.
 */
export function shutdownResults(contextId: string, why: string): Results {
  return {
    resultType: 'error',
    summary: "<span class='ansi-red-fg'>CommandCancelledException</span>: Command was cancelled",
    cause:
      `com.databricks.backend.common.rpc.CommandCancelledException\n` +
      `\tat com.databricks.spark.chauffeur.ExecContextState.cancelRunningCommands(ExecContextState.scala:530)\n` +
      `\tat com.databricks.spark.chauffeur.ExecContextState.shutdown(ExecContextState.scala:488)\n` +
      `\tat com.databricks.spark.chauffeur.ChauffeurState.shutdownContext(ChauffeurState.scala:233)\n` +
      `Execution context ${contextId} is shutting down: ${why}\n`
  }
}

/** Scala and R: the emulator says plainly that it cannot run them. */
export function unsupported(language: string): Results {
  const name = language === 'r' ? 'R' : language.charAt(0).toUpperCase() + language.slice(1)
  return {
    resultType: 'error',
    summary: `<span class='ansi-red-fg'>UnsupportedOperationException</span>: The Databricks emulator cannot run ${name}: it runs Python and SQL only`,
    cause: `java.lang.UnsupportedOperationException: The Databricks emulator cannot run ${name}: it runs Python and SQL only. Run ${name} on a real cluster. For R results, set the commandOutcomes fault (see canned-results.ts).`
  }
}

/** How a command ends when a test chooses it (commandOutcomes in the fault plan). */
export interface CannedOutcome {
  /** Finished (the default), Error or Cancelled. */
  status?: 'Finished' | 'Error' | 'Cancelled'
  results: Results | null
  /** How long the command runs before it ends; default 0. */
  runMs?: number
}

/** Shapes the service returns that the emulator cannot make by running code. */
export const canned = {
  /** R prints through an HTML renderer: text results are HTML. */
  rText: (text: string): CannedOutcome => ({
    results: {
      resultType: 'text',
      data: `<html><body><pre style="font-size:10px">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre></body></html>`
    }
  }),
  /** R errors: the cause starts with the temporary command file's name. */
  rError: (message: string): CannedOutcome => ({
    results: {
      resultType: 'error',
      summary: `Error in eval(ei, envir): ${message}`,
      cause: `DATABRICKS_CURRENT_TEMP_CMD__${randomUUID().replace(/-/g, '')}: Error in eval(ei, envir): ${message}\nCalls: eval -> eval`
    }
  }),
  /** A plot: `images` with data URLs (or, for large ones, /plots/ paths). */
  images: (fileNames: string[]): CannedOutcome => ({
    results: { resultType: 'images', fileNames }
  }),
  /** An `image` result that carries only `fileNames`. */
  imageWithFileNames: (fileNames: string[]): CannedOutcome => ({
    results: { resultType: 'image', fileNames }
  }),
  image: (fileName: string): CannedOutcome => ({ results: { resultType: 'image', fileName } }),
  /** A JVM error from an HTTP call the driver made: the message sits in an ExecutionError block. */
  executionError: (message: string, code = 400, description = 'BadRequest'): CannedOutcome => ({
    results: {
      resultType: 'error',
      summary: '',
      cause: `\n---\nExecutionError: ${message}\nStatusCode=${code}\nStatusDescription=${description}\n---\n`
    }
  }),
  /** Status Error, the message in results.data. */
  statusError: (message: string): CannedOutcome => ({
    status: 'Error',
    results: { resultType: 'error', data: message }
  })
}

/** 19 digits, like the service's context ids (too large for a JS number on purpose). */
function serviceContextId(): string {
  let id = String(randomInt(1, 10))
  for (let i = 0; i < 18; i++) id += String(randomInt(0, 10))
  return id
}

/**
 * Ids are opaque: `service` makes them as the service does today (19 digits, 32 hex), `opaque`
 * makes them in other shapes, so tests prove nothing depends on the form.
 */
export type IdStyle = 'service' | 'opaque'

export function newContextId(style: IdStyle): string {
  return style === 'opaque' ? `ctx_${randomUUID()}` : serviceContextId()
}

export function newCommandId(style: IdStyle): string {
  return style === 'opaque'
    ? `cmd-${randomUUID()}.${randomInt(1000)}`
    : randomUUID().replace(/-/g, '')
}
