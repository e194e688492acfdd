/** Cluster states as clusters/get reports them. ERROR is no longer used by the service. */
export type ClusterState =
  | 'PENDING'
  | 'RUNNING'
  | 'RESTARTING'
  | 'RESIZING'
  | 'TERMINATING'
  | 'TERMINATED'
  | 'ERROR'
  | 'UNKNOWN'

/** A cluster as the emulator models it: just the state machine the action cares about. */
export interface ClusterSpec {
  id: string
  name?: string
  state?: ClusterState
  /** How long a start takes, PENDING to RUNNING. */
  startDelayMs?: number
  /** How long a terminate takes, TERMINATING to TERMINATED. */
  terminateDelayMs?: number
  /** false: the caller lacks CAN RESTART, so start and terminate are refused (403). */
  canRestart?: boolean
  /**
   * A cluster given in a passing state settles on its own after this long: PENDING,
   * RESTARTING and RESIZING to RUNNING, TERMINATING to TERMINATED (default: terminateDelayMs).
   */
  settleMs?: number
}

/** What clusters/get says beside a passing state given at the start. */
const SETTLING: Partial<Record<ClusterState, string>> = {
  PENDING: 'Starting Spark',
  RESTARTING: 'Restarting Spark',
  RESIZING: 'Resizing cluster'
}

/** What start and terminate answer: done, or refused with the service's code and words. */
export type ClusterAnswer =
  { ok: true } | { ok: false; status: number; code: string; message: string }

export class Cluster {
  readonly id: string
  readonly name: string
  state: string
  stateMessage = ''
  startDelayMs: number
  terminateDelayMs: number
  readonly canRestart: boolean
  /** Why the cluster last terminated. */
  private terminationCode = 'INACTIVITY'
  private timer: NodeJS.Timeout | undefined
  /** Called when the cluster goes down, so its execution contexts go with it. */
  onDown: (clusterId: string) => void = () => {}

  constructor(spec: ClusterSpec) {
    this.id = spec.id
    this.name = spec.name ?? `emulated-${spec.id}`
    this.state = spec.state ?? 'RUNNING'
    this.startDelayMs = spec.startDelayMs ?? 2000
    this.terminateDelayMs = spec.terminateDelayMs ?? 1000
    this.canRestart = spec.canRestart ?? true
    if (this.state === 'TERMINATING') this.goDown(spec.settleMs)
    const message = SETTLING[this.state as ClusterState]
    if (message !== undefined) this.comeUp(message, spec.settleMs ?? 2000)
  }

  get acceptsCommands(): boolean {
    return this.state === 'RUNNING' || this.state === 'RESIZING'
  }

  /** clusters/start: only a TERMINATED cluster can be started. */
  start(user: string): ClusterAnswer {
    if (!this.canRestart) return this.denied(user, 'start')
    if (this.state !== 'TERMINATED') {
      const pretty = this.state.charAt(0) + this.state.slice(1).toLowerCase()
      return {
        ok: false,
        status: 400,
        code: 'INVALID_STATE',
        message: `Cluster ${this.id} is in unexpected state ${pretty}.`
      }
    }
    this.state = 'PENDING'
    this.comeUp('Starting Spark', this.startDelayMs)
    return { ok: true }
  }

  /** A passing state (PENDING, RESTARTING, RESIZING) that becomes RUNNING after `ms`. */
  private comeUp(message: string, ms: number): void {
    this.stateMessage = message
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.state = 'RUNNING'
      this.stateMessage = ''
    }, ms)
  }

  /**
   * clusters/delete: terminates, asynchronously (TERMINATING, then TERMINATED). A cluster
   * already terminating or terminated is left as it is, and that is not an error.
   */
  terminate(user: string): ClusterAnswer {
    if (!this.canRestart) return this.denied(user, 'terminate')
    if (this.state === 'TERMINATED' || this.state === 'TERMINATING') return { ok: true }
    this.terminationCode = 'USER_REQUEST'
    this.goDown()
    return { ok: true }
  }

  private goDown(ms = this.terminateDelayMs): void {
    this.state = 'TERMINATING'
    this.stateMessage = 'Terminating the cluster'
    this.onDown(this.id)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.state = 'TERMINATED'
      this.stateMessage = ''
    }, ms)
  }

  private denied(user: string, what: string): ClusterAnswer {
    return {
      ok: false,
      status: 403,
      code: 'PERMISSION_DENIED',
      message: `User ${user} does not have Restart permission to ${what} cluster ${this.id}.`
    }
  }

  toJson(): Record<string, unknown> {
    return {
      cluster_id: this.id,
      cluster_name: this.name,
      state: this.state,
      state_message: this.stateMessage,
      spark_version: '15.4.x-scala2.12',
      ...(this.state === 'TERMINATED'
        ? { termination_reason: { code: this.terminationCode, type: 'SUCCESS' } }
        : {})
    }
  }

  dispose(): void {
    clearTimeout(this.timer)
  }
}
