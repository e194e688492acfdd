import type { ClusterState } from '../databricks/clusters.js'
import type { Logger } from '../common/logger.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import type { DatabricksApi } from '../databricks/api.js'
import type { CommandSource, FinalCommandStatus, Language } from '../databricks/execution.js'
import type { Parameters } from '../databricks/parameters.js'
import type { CommandResult } from '../databricks/results.js'
import type { RunPhase } from '../runner/report-words.js'

/** What one run of a command needs and reports: shared by run-command.ts and its parts. */
export interface RunRequest {
  clusterId: string
  language: Language
  source: CommandSource
  startCluster: boolean
  deadline: Deadline
  /** Run in this existing context (an earlier step's) instead of creating one. */
  contextId?: string
  /** Handed to the code as data: defined in the context before the command runs. */
  parameters?: Parameters
}

/** Called as ids appear, so the runner layer can save them before anything else can fail. */
export interface RunHooks {
  /** Just before contexts/create is sent: a context may exist from now on. */
  onCreatingContext?(): void
  /**
   * contexts/create failed and main says so itself (an error answer, or no answer with its own
   * advice): post need not warn as for a main stopped in mid-create (a cancel).
   */
  onCreateFailed?(): void
  onContextCreated(contextId: string): void
  /** The user's command was accepted; it may run until onCommandEnded. */
  onCommandStarted(commandId: string): void
  /** The command that defines `params` was accepted: post must cancel it if it still runs. */
  onParametersCommandStarted?(commandId: string): void
  /** The command last started (the user's, or the one defining `params`) reached its end. */
  onCommandEnded(): void
  /** The service accepted this step's start of the cluster. */
  onClusterStarted?(): void
  /** The cluster was read in this state (only when the step had reason to look at it). */
  onClusterSeen?(state: ClusterState): void
  /** A phase completed after `durationMs`; a phase that fails is the first one not reported. */
  onPhaseEnded?(phase: RunPhase, durationMs: number): void
}

export interface RunDeps {
  api: DatabricksApi
  clock: Clock
  sleep: Sleep
  logger: Logger
  /** Aborts when the job is cancelled. */
  signal?: AbortSignal
  /** How long to wait for a cancel to take effect after a timeout. */
  cancelWaitMs?: number
}

export interface RunOutcome {
  contextId: string
  commandId: string
  /** The command's final status; `Cancelled` also for Finished + CommandCancelledException. */
  status: FinalCommandStatus
  result: CommandResult
  /** The cluster's state as last seen by the step ('' when it could not be read). */
  clusterState?: ClusterState
  /** Why the step should fail (an error result, a cancel, a shut-down context, status Error). */
  failure?: string
}
