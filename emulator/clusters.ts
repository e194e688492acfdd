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

/** A cluster as the emulator models it: the state machine the action cares about. */
export interface ClusterSpec {
  id: string
  name?: string
  state?: ClusterState
  /** How long a start takes, PENDING to RUNNING. */
  startDelayMs?: number
  /** How long a terminate takes, TERMINATING to TERMINATED. */
  terminateDelayMs?: number
  /** A cluster given in a passing state (PENDING, RESTARTING, RESIZING, TERMINATING) settles after this long. */
  settleMs?: number
}

/** Where each passing state leads on its own. */
const SETTLES_TO: Partial<Record<ClusterState, ClusterState>> = {
  PENDING: 'RUNNING',
  RESTARTING: 'RUNNING',
  RESIZING: 'RUNNING',
  TERMINATING: 'TERMINATED'
}

/** What clusters/get says beside a passing state. */
const MESSAGES: Partial<Record<ClusterState, string>> = {
  PENDING: 'Starting Spark',
  RESTARTING: 'Restarting Spark',
  RESIZING: 'Resizing cluster',
  TERMINATING: 'Terminating cluster'
}

type Outcome = { ok: true } | { ok: false; message: string }

export class Cluster {
  readonly id: string
  readonly name: string
  state: ClusterState
  stateMessage = ''
  startDelayMs: number
  terminateDelayMs: number
  /** Called when the cluster's driver goes away (terminate, restart): its contexts shut down. */
  onContextsLost: (why: string) => void = () => {}
  private timer: NodeJS.Timeout | undefined

  constructor(spec: ClusterSpec) {
    this.id = spec.id
    this.name = spec.name ?? `emulated-${spec.id}`
    this.state = spec.state ?? 'RUNNING'
    this.startDelayMs = spec.startDelayMs ?? 2000
    this.terminateDelayMs = spec.terminateDelayMs ?? 2000
    const next = SETTLES_TO[this.state]
    if (next) this.moveTo(this.state, MESSAGES[this.state], { ms: spec.settleMs ?? 2000, next })
  }

  get acceptsCommands(): boolean {
    return this.state === 'RUNNING' || this.state === 'RESIZING'
  }

  /** Sets the state, and optionally the state it reaches on its own after `then.ms`. */
  moveTo(state: ClusterState, message = '', then?: { ms: number; next: ClusterState }): void {
    clearTimeout(this.timer)
    this.state = state
    this.stateMessage = message
    if (then) this.timer = setTimeout(() => this.moveTo(then.next), then.ms)
  }

  /** clusters/start: only a TERMINATED cluster can be started. */
  start(): Outcome {
    if (this.state !== 'TERMINATED') return this.unexpected()
    this.moveTo('PENDING', 'Starting Spark', { ms: this.startDelayMs, next: 'RUNNING' })
    return { ok: true }
  }

  /** clusters/delete: asynchronous, TERMINATING then TERMINATED; the contexts go at once. */
  terminate(): Outcome {
    if (this.state === 'TERMINATED' || this.state === 'TERMINATING') return this.unexpected()
    this.moveTo('TERMINATING', 'Terminating cluster', {
      ms: this.terminateDelayMs,
      next: 'TERMINATED'
    })
    this.onContextsLost('the cluster is terminating')
    return { ok: true }
  }

  /** clusters/restart: RESTARTING then RUNNING; the contexts are shut down. */
  restart(): Outcome {
    if (!this.acceptsCommands) return this.unexpected()
    this.moveTo('RESTARTING', 'Restarting Spark', { ms: this.startDelayMs, next: 'RUNNING' })
    this.onContextsLost('the cluster is restarting')
    return { ok: true }
  }

  private unexpected(): Outcome {
    const pretty = this.state.charAt(0) + this.state.slice(1).toLowerCase()
    return { ok: false, message: `Cluster ${this.id} is in unexpected state ${pretty}.` }
  }

  toJson(): Record<string, unknown> {
    return {
      cluster_id: this.id,
      cluster_name: this.name,
      state: this.state,
      state_message: this.stateMessage,
      spark_version: '15.4.x-scala2.12',
      ...(this.state === 'TERMINATED'
        ? { termination_reason: { code: 'INACTIVITY', type: 'SUCCESS', parameters: {} } }
        : {})
    }
  }

  dispose(): void {
    clearTimeout(this.timer)
  }
}
