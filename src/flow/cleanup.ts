import { errorMessage } from '../common/errors.js'
import { formatDuration } from '../common/duration.js'
import { MAX_CONTEXTS_PER_CLUSTER, POST_CANCEL_BUDGET_MS } from '../common/limits.js'
import type { Logger } from '../common/logger.js'
import { Deadline, type Clock } from '../common/time.js'
import type { DatabricksApi } from '../databricks/api.js'
import { ApiError } from '../databricks/api-error.js'
import type { AuthType } from '../databricks/auth/types.js'
import { ExecutionApi } from '../databricks/execution.js'
import type { SavedState } from '../runner/state.js'

/** What main left behind: where the context lives, and the command that may still run. */
export type Leftovers = Pick<
  SavedState,
  'host' | 'clusterId' | 'contextId' | 'commandId' | 'commandDone' | 'contextShared'
>

export interface CleanupDeps {
  api: DatabricksApi
  clock: Clock
  logger: Logger
  /** How the step authenticated, so the manual advice shows the same kind of credential. */
  authType: AuthType
  /** The whole post step's deadline (POST_CLEANUP_BUDGET_MS), shared with what follows. */
  deadline: Deadline
}

/**
 * Cancels the command if it may still run, then destroys the context unless an earlier step
 * made it, all within the post budget. Only ever warns: cleanup never fails the job.
 */
export async function cleanUp(left: Leftovers, d: CleanupDeps): Promise<void> {
  await cancelLeftCommand(left, d)
  await destroyLeftContext(left, d)
}

/** Cancels the command main started if it may still run. Only ever logs. */
export async function cancelLeftCommand(left: Leftovers, d: CleanupDeps): Promise<void> {
  const exec = new ExecutionApi(d.api, left.clusterId)
  if (left.commandId && !left.commandDone) {
    try {
      await exec.cancelCommand(left.contextId, left.commandId, {
        deadline: Deadline.after(
          d.clock,
          POST_CANCEL_BUDGET_MS,
          formatDuration(POST_CANCEL_BUDGET_MS)
        )
      })
      d.logger.info(`Cancelled command ${left.commandId}`)
    } catch (e) {
      // Destroying the context stops the command as well; a shared one is destroyed by its owner.
      d.logger.info(
        `Could not cancel command ${left.commandId} (${errorMessage(e)}); ${left.contextShared ? 'the step that created its context (input context-id) destroys it when the job ends, which stops it' : 'destroying its context stops it'}`
      )
    }
  }
}

/** Destroys the context main created; never one an earlier step made. Only ever warns. */
export async function destroyLeftContext(left: Leftovers, d: CleanupDeps): Promise<void> {
  const exec = new ExecutionApi(d.api, left.clusterId)
  const deadline = d.deadline
  if (left.contextShared) {
    d.logger.info(
      `Leaving execution context ${left.contextId} (input context-id): the step that created it destroys it in its own post step`
    )
    return
  }
  try {
    await exec.destroyContext(left.contextId, { deadline })
    d.logger.info(`Destroyed execution context ${left.contextId} on cluster ${left.clusterId}`)
  } catch (e) {
    // A context that no longer exists needs no destroying.
    if (e instanceof ApiError && e.contextGone) {
      d.logger.info(`Execution context ${left.contextId} was already gone (${errorMessage(e)})`)
      return
    }
    d.logger.warning(
      `Could not destroy execution context ${left.contextId} on cluster ${left.clusterId}: ${errorMessage(e)}. ${manualDestroy(left, d.authType)}`
    )
  }
}

/**
 * How to remove a context by hand, for when the post step could not, with the kind of
 * credential the step used (never its value).
 */
export function manualDestroy(
  left: Pick<Leftovers, 'host' | 'clusterId' | 'contextId'>,
  authType?: AuthType
): string {
  return (
    `It stays on the cluster until the cluster evicts it or restarts (each cluster holds at most ${MAX_CONTEXTS_PER_CLUSTER}). ` +
    `To remove it now: curl -X POST ${left.host}/api/1.2/contexts/destroy ${curlCredentials(left.host, authType)} ` +
    `-d '{"clusterId":"${left.clusterId}","contextId":"${left.contextId}"}'`
  )
}

/** curl's credential options for the method the step used; minted tokens come from the CLI. */
function curlCredentials(host: string, authType: AuthType | undefined): string {
  switch (authType) {
    case 'basic':
      return '-u "$DATABRICKS_USERNAME:$DATABRICKS_PASSWORD"'
    case undefined:
    case 'pat':
      return '-H "Authorization: Bearer $DATABRICKS_TOKEN"'
    case 'oauth-m2m':
    case 'github-oidc':
    case 'azure-client-secret':
    case 'github-oidc-azure':
    case 'azure-cli':
      // The step's token was minted for it and has expired or been dropped; mint another.
      return `-H "Authorization: Bearer $(databricks auth token --host ${host} | jq -r .access_token)"`
  }
}
