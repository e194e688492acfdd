/** A cluster as the emulator models it: just the state machine the action cares about. */
export interface ClusterSpec {
  id: string
  name?: string
  state?: 'RUNNING' | 'TERMINATED' | 'PENDING' | 'RESIZING' | 'ERROR'
  /** How long a start takes, PENDING to RUNNING. */
  startDelayMs?: number
}

export class Cluster {
  readonly id: string
  readonly name: string
  state: string
  stateMessage = ''
  startDelayMs: number
  private timer: NodeJS.Timeout | undefined

  constructor(spec: ClusterSpec) {
    this.id = spec.id
    this.name = spec.name ?? `emulated-${spec.id}`
    this.state = spec.state ?? 'RUNNING'
    this.startDelayMs = spec.startDelayMs ?? 2000
  }

  get acceptsCommands(): boolean {
    return this.state === 'RUNNING' || this.state === 'RESIZING'
  }

  /** clusters/start: only a TERMINATED cluster can be started. */
  start(): { ok: true } | { ok: false; message: string } {
    if (this.state !== 'TERMINATED') {
      const pretty = this.state.charAt(0) + this.state.slice(1).toLowerCase()
      return { ok: false, message: `Cluster ${this.id} is in unexpected state ${pretty}.` }
    }
    this.state = 'PENDING'
    this.stateMessage = 'Starting Spark'
    this.timer = setTimeout(() => {
      this.state = 'RUNNING'
      this.stateMessage = ''
    }, this.startDelayMs)
    return { ok: true }
  }

  toJson(): Record<string, unknown> {
    return {
      cluster_id: this.id,
      cluster_name: this.name,
      state: this.state,
      state_message: this.stateMessage,
      spark_version: '15.4.x-scala2.12',
      ...(this.state === 'TERMINATED'
        ? { termination_reason: { code: 'INACTIVITY', type: 'SUCCESS' } }
        : {})
    }
  }

  dispose(): void {
    clearTimeout(this.timer)
  }
}
