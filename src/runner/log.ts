import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { Logger } from '../common/logger.js'

/** The log, mapped onto the runner's: what the flow and the client report goes through here. */
export const runnerLogger: Logger = {
  info: m => core.info(m),
  warning: m => core.warning(m),
  debug: m => core.debug(m)
}

/**
 * Prints text that came from the user's command. Workflow commands in it (`::add-mask::`,
 * `::set-env::` ...) are switched off while it prints, so a command cannot steer the runner.
 */
export function printUntrusted(title: string, text: string): void {
  const token = randomUUID()
  core.startGroup(title)
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
  core.endGroup()
}

/** Masks a secret in everything the runner prints from now on. */
export function mask(secret: string): void {
  core.setSecret(secret)
}

/** Fails the step with one ::error:: line. */
export function fail(message: string): void {
  core.setFailed(message)
}
