import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { Logger } from '../common/logger.js'

/**
 * Whether the runner could read a line of this text as a workflow command: it takes `::name::`
 * at the start of any line (after leading blanks) and the older `##[name]` anywhere in a line.
 */
function couldBeCommand(text: string): boolean {
  return /[\r\n]|::|##\[/.test(text)
}

/**
 * The one way text from outside the action reaches the log (service messages, cluster and
 * state names, column names, file names, output, tracebacks, error bodies), and any message
 * that embeds such text. Commands in it are switched off while it prints (`::stop-commands::`
 * with a token nobody can guess), so no line of it can steer the runner. Plain one-line text
 * is printed as it is.
 */
export function logUntrusted(text: string): void {
  if (!couldBeCommand(text)) return core.info(text)
  const token = randomUUID()
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
}

/** Prints a block of untrusted text in a foldable group (its title is escaped by @actions/core). */
export function printUntrusted(title: string, text: string): void {
  core.startGroup(title)
  logUntrusted(text)
  core.endGroup()
}

/**
 * The Databricks layer's logger, mapped onto the runner's log. Its messages carry service text
 * (states, error bodies), so info goes through logUntrusted; warning and debug are workflow
 * commands whose message @actions/core escapes (`%`, CR, LF), so they stay one line.
 */
export const runnerLogger: Logger = {
  info: m => logUntrusted(m),
  warning: m => core.warning(m),
  debug: m => core.debug(m)
}

/** Masks a secret in everything the runner prints from now on. */
export function mask(secret: string): void {
  core.setSecret(secret)
}

/** Fails the step with one ::error:: line. */
export function fail(message: string): void {
  core.setFailed(message)
}

/** A notice annotation: something the user should know that is not a problem. */
export function notice(message: string): void {
  core.notice(message)
}
