import type { CannedOutcome } from './canned-results.js'
import { cancelledResults, type IdStyle } from './canned-results.js'
import type { FaultConfig } from './faults.js'
import type { PythonKernel, Results } from './kernel.js'

export interface ContextLimits {
  /** The service keeps at most 145 per cluster and evicts idle ones past that. */
  maxContextsPerCluster: number
  /**
   * A context counts as idle (evictable at the limit) this long after its last activity:
   * creation, an execute, a command ending. The service's threshold is not public.
   */
  idleAfterMs: number
  /** Python processes the emulator may run at once, over all clusters. */
  maxProcesses: number
  /** A cell's whole output past this is dropped for a warning. */
  maxOutputBytes: number
  /** spark.databricks.driver.maxReplOutputLength: text past this keeps its head and tail. */
  maxReplOutputLength: number
  rowLimit: number
  /** Tables stop at this many bytes of rows too. */
  tableBytes: number
  idStyle: IdStyle
}

export interface Command {
  id: string
  status: 'Queued' | 'Running' | 'Cancelling' | 'Finished' | 'Cancelled' | 'Error'
  results: Results | null
  language: string
  code: string
  cancelRequested: boolean
}

export interface Context {
  id: string
  clusterId: string
  language: string
  status: 'Pending' | 'Running' | 'Error'
  kernel?: PythonKernel
  commands: Map<string, Command>
  queue: Command[]
  busy?: Command
  lastUsed: number
  /** Creation, the last execute or the last command's end. */
  lastActive: number
}

export const RUNNABLE = new Set(['python', 'sql'])
const FINAL = new Set(['Finished', 'Cancelled', 'Error'])

/**
 * The context the service evicts at its limit: the least recently used of those idle long
 * enough (not starting, running or holding queued commands); undefined when none is.
 */
export function leastRecentlyUsedIdle(
  onCluster: Context[],
  idleAfterMs: number,
  now: number
): Context | undefined {
  return onCluster
    .filter(
      c =>
        c.status !== 'Pending' &&
        !c.busy &&
        c.queue.length === 0 &&
        now - c.lastActive >= idleAfterMs
    )
    .sort((a, b) => a.lastUsed - b.lastUsed)[0]
}

/**
 * Records how a command ended: a canned status as given; else Finished with its results, or, when
 * it was cancelled, what the service answers for a cancel (Finished with a
 * CommandCancelledException, or plain Cancelled in that fault mode).
 */
export function finishCommand(
  cmd: Command,
  results: Results | null,
  status: CannedOutcome['status'] | undefined,
  cancelMode: FaultConfig['cancelMode']
): void {
  // A command ended by a shutdown stays as it ended; its kernel's last words come too late.
  if (FINAL.has(cmd.status)) return
  if (status) {
    cmd.status = status
    cmd.results = results
    return
  }
  if (!results) return
  if (cmd.cancelRequested && cancelMode === 'cancelled') {
    cmd.status = 'Cancelled'
    cmd.results = null
    return
  }
  cmd.status = 'Finished'
  cmd.results = cmd.cancelRequested && results.resultType !== 'error' ? cancelledResults() : results
}
