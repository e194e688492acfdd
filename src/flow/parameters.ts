import { CancelledError, DeadlineError, errorMessage } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import { ApiError } from '../databricks/api-error.js'
import { isFinalCommandState, type ExecutionApi } from '../databricks/execution.js'
import type { PlannedCommand } from '../databricks/parameters.js'
import { parseResults } from '../databricks/results.js'

export interface PreludeDeps {
  clock: Clock
  sleep: Sleep
  logger: Logger
  signal?: AbortSignal
  /** The context is an earlier step's (input context-id): its language was chosen there. */
  attached?: boolean
}

/**
 * Runs the command that defines `params` in the context, before the user's command, and fails
 * clearly if it did not work. Its id goes to `onStarted` like any command's, so a cancel or a
 * failure part way leaves post able to cancel it.
 */
export async function defineParameters(
  exec: ExecutionApi,
  contextId: string,
  prelude: PlannedCommand,
  deadline: Deadline,
  hooks: { onStarted(commandId: string): void; onEnded(): void },
  d: PreludeDeps
): Promise<void> {
  const call = { deadline, signal: d.signal }
  const doing = `Failed to define the parameters (params) in execution context ${contextId}`
  const failed = (what: string, e?: unknown): Error =>
    new Error(
      `${doing}: ${sentence(redact(what, prelude))}${d.attached ? sharedHint(contextId, prelude) : ''}`,
      { cause: e }
    )
  const rethrow = (e: unknown, advise: boolean): never => {
    if (e instanceof CancelledError || e instanceof DeadlineError) throw e
    const said = firstLine(errorMessage(e))
    throw advise ? failed(said, e) : new Error(`${doing}: ${redact(said, prelude)}`, { cause: e })
  }
  let commandId = ''
  try {
    commandId = await exec.execute(contextId, prelude.language, prelude.source, call)
  } catch (e) {
    // A refusal of the command itself may be the context's language; a lost connection is not.
    rethrow(e, e instanceof ApiError && !e.unauthorized && !e.rateLimited)
  }
  hooks.onStarted(commandId)
  const outcome = await pollUntil({
    what: `command ${commandId} (parameters)`,
    fetch: () => exec.commandStatus(contextId, commandId, call),
    isDone: isFinalCommandState,
    describe: s => s.status,
    deadline,
    ...d
  }).catch((e: unknown) => rethrow(e, false))
  if (!outcome.done)
    throw new DeadlineError(
      `Timed out after ${deadline.label} while defining the parameters in execution context ${contextId}.`
    )
  hooks.onEnded()
  const result = parseResults(outcome.value.results)
  if (outcome.value.status !== 'Finished' || result.type === 'error')
    throw failed(
      `the command ended ${outcome.value.status}${result.type === 'error' ? ` with ${firstLine(result.message)}` : ''}.`
    )
  d.logger.info(`Defined params (${prelude.language}) in execution context ${contextId}`)
}

const firstLine = (text: string): string => text.trim().split('\n')[0]?.trim() ?? ''
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`)

/** An earlier step made the context, in its own language; params need the prelude's. */
function sharedHint(contextId: string, prelude: PlannedCommand): string {
  const lang = prelude.language
  const name = { python: 'a Python', scala: 'a Scala', r: 'an R', sql: 'a SQL' }[lang]
  const sql = lang === 'python' ? ' (SQL with parameters runs in Python too)' : ''
  return ` Execution context ${contextId} was made by an earlier step (input context-id), and params are defined by ${name} command${sql}, so that context must be ${name} one: create the shared context with language: ${lang} in the step that makes it.`
}

/**
 * The service may echo the code in its error (a traceback line, a compiler's excerpt, a body cut
 * at some length): every run of base64 or hex of 8 characters or more that is part of the
 * prelude's encoded values (the string literals) is cut out, so no value reaches the message.
 */
export function redact(text: string, prelude: PlannedCommand): string {
  const code = prelude.source.kind === 'inline' ? prelude.source.code : ''
  const payload = [...code.matchAll(/"([A-Za-z0-9+/=]*)"/g)].map(m => m[1] ?? '').join('')
  if (!payload) return text
  return text.replace(/[A-Za-z0-9+/=]{8,}/g, run =>
    payload.includes(run) ? '[encoded parameters]' : run
  )
}
