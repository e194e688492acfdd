import { HttpProblem } from './http-io.js'
import {
  finishCommand,
  leastRecentlyUsedIdle,
  RUNNABLE,
  type Command,
  type Context,
  type ContextLimits
} from './context-model.js'
import { PythonKernel, type Results } from './kernel.js'
import type { FaultPlan } from './faults.js'
import {
  cancelledResults,
  newCommandId,
  newContextId,
  shutdownResults,
  unsupported,
  type CannedOutcome
} from './canned-results.js'

/** Every execution context and command the emulator holds. */
export class ContextRegistry {
  private readonly contexts = new Map<string, Context>()
  private readonly evicted = new Set<string>()
  /** Every kernel whose process has not exited yet, whatever became of its context. */
  private readonly kernels = new Set<PythonKernel>()
  peakContexts = 0

  constructor(
    private readonly limits: ContextLimits,
    private readonly faults: FaultPlan
  ) {}

  get liveContexts(): number {
    return this.contexts.size
  }

  /** Python processes still alive: a kernel leaves this count only when its process exits. */
  get liveProcesses(): number {
    return this.kernels.size
  }

  /** Process ids of the live kernels, for tests that check the OS. */
  get pids(): number[] {
    return [...this.kernels].map(k => k.pid).filter((p): p is number => p !== undefined)
  }

  list(): { id: string; clusterId: string; language: string; status: string }[] {
    return [...this.contexts.values()].map(c => ({
      id: c.id,
      clusterId: c.clusterId,
      language: c.language,
      status: c.status
    }))
  }

  /** The ids of the commands a context has run or holds, oldest first. */
  commandIds(ctxId: string): string[] {
    return [...this.get(ctxId).commands.keys()]
  }

  create(clusterId: string, language: string): string {
    const onCluster = [...this.contexts.values()].filter(c => c.clusterId === clusterId)
    if (onCluster.length >= this.limits.maxContextsPerCluster) {
      const idle = leastRecentlyUsedIdle(onCluster, this.limits.idleAfterMs, Date.now())
      if (!idle)
        throw new HttpProblem(
          500,
          `Too many execution contexts are open right now.(Limit set currently to ${this.limits.maxContextsPerCluster})`
        )
      this.evict(idle.id)
    }
    if (RUNNABLE.has(language) && this.liveProcesses >= this.limits.maxProcesses) {
      throw new HttpProblem(
        500,
        `Emulator limit: ${this.limits.maxProcesses} Python processes are running. Destroy contexts, or start the emulator with a higher maxProcesses.`
      )
    }
    const ctx: Context = {
      id: newContextId(this.limits.idStyle),
      clusterId,
      language,
      status: 'Pending',
      commands: new Map(),
      queue: [],
      lastUsed: Date.now(),
      lastActive: Date.now()
    }
    this.contexts.set(ctx.id, ctx)
    this.peakContexts = Math.max(this.peakContexts, this.contexts.size)
    const fail = this.faults.takeContextError()
    const pendingMs = this.faults.config.contextPendingMs ?? 0
    const becomeRunning = (): void => {
      if (ctx.status !== 'Pending') return
      if (fail) {
        ctx.status = 'Error'
        ctx.kernel?.kill()
        return
      }
      if (pendingMs < 0) return
      setTimeout(() => {
        if (ctx.status === 'Pending') ctx.status = 'Running'
      }, pendingMs).unref()
    }
    if (RUNNABLE.has(language)) {
      ctx.kernel = new PythonKernel(this.limits, k => {
        this.kernels.delete(k)
        if (ctx.kernel === k && this.contexts.has(ctx.id)) ctx.status = 'Error'
      })
      this.kernels.add(ctx.kernel)
      ctx.kernel.ready.then(becomeRunning, () => (ctx.status = 'Error'))
    } else {
      becomeRunning()
    }
    return ctx.id
  }

  private get(id: string): Context {
    if (this.evicted.has(id))
      throw new HttpProblem(400, `Context ExecutionContextId(${id}) is disconnected`)
    const ctx = this.contexts.get(id)
    if (!ctx) throw new HttpProblem(400, `ContextNotFound: Context ${id} does not exist`)
    ctx.lastUsed = Date.now()
    return ctx
  }

  status(id: string): string {
    return this.get(id).status
  }

  destroy(id: string): void {
    const ctx = this.get(id)
    ctx.kernel?.kill()
    this.contexts.delete(id)
  }

  /**
   * Shuts a context down as a cluster restart or an eviction does: what runs or waits in it ends
   * Finished with a CommandCancelledException whose trace shows the shutdown. The context stays
   * known (status Error) until it is destroyed, so its commands can still be read.
   */
  shutdown(id: string, why: string): void {
    const ctx = this.contexts.get(id)
    if (!ctx) throw new HttpProblem(400, `ContextNotFound: Context ${id} does not exist`)
    ctx.status = 'Error'
    const kernel = ctx.kernel
    ctx.kernel = undefined
    kernel?.kill()
    for (const cmd of [...(ctx.busy ? [ctx.busy] : []), ...ctx.queue])
      this.finish(cmd, shutdownResults(id, why))
    ctx.busy = undefined
    ctx.queue = []
  }

  /** Every context of a cluster whose driver goes away (terminate, restart). */
  shutdownCluster(clusterId: string, why: string): void {
    for (const ctx of this.contexts.values())
      if (ctx.clusterId === clusterId && ctx.status !== 'Error') this.shutdown(ctx.id, why)
  }

  /** Drops a context as the service does at its limit; later calls hear it is disconnected. */
  evict(id: string): void {
    const ctx = this.contexts.get(id)
    if (!ctx) throw new HttpProblem(400, `ContextNotFound: Context ${id} does not exist`)
    ctx.kernel?.kill()
    this.contexts.delete(id)
    this.evicted.add(id)
  }

  /** The cluster a live context belongs to; undefined when it is gone or unknown. */
  clusterOf(id: string): string | undefined {
    return this.contexts.get(id)?.clusterId
  }

  /** A cluster that terminates or restarts loses every context: later calls find none. */
  dropCluster(clusterId: string): void {
    for (const ctx of [...this.contexts.values()]) {
      if (ctx.clusterId !== clusterId) continue
      ctx.kernel?.kill()
      this.contexts.delete(ctx.id)
    }
  }

  execute(id: string, language: string, code: string): string {
    const ctx = this.get(id)
    if (ctx.status !== 'Running')
      throw new HttpProblem(400, `Context ${id} is not running (status ${ctx.status})`)
    const cmd: Command = {
      id: newCommandId(this.limits.idStyle),
      status: 'Queued',
      results: null,
      language: language || ctx.language,
      code,
      cancelRequested: false
    }
    ctx.commands.set(cmd.id, cmd)
    ctx.queue.push(cmd)
    ctx.lastActive = Date.now()
    setImmediate(() => this.pump(ctx))
    return cmd.id
  }

  command(ctxId: string, cmdId: string): Command {
    const cmd = this.get(ctxId).commands.get(cmdId)
    if (!cmd) throw new HttpProblem(400, `Command ${cmdId} does not exist in context ${ctxId}`)
    return cmd
  }

  cancel(ctxId: string, cmdId: string): void {
    const ctx = this.get(ctxId)
    const cmd = this.command(ctxId, cmdId)
    const mode = this.faults.config.cancelMode ?? 'finished-error'
    if (mode === 'ignore' || ['Finished', 'Cancelled', 'Error'].includes(cmd.status)) return
    cmd.cancelRequested = true
    if (cmd.status === 'Queued') {
      ctx.queue = ctx.queue.filter(c => c !== cmd)
      this.finish(cmd, cancelledResults())
      return
    }
    cmd.status = 'Cancelling'
    ctx.kernel?.interrupt()
  }

  /** Runs queued commands one at a time, as a context does. */
  private pump(ctx: Context): void {
    if (ctx.busy || !this.contexts.has(ctx.id)) return
    const cmd = ctx.queue.shift()
    if (!cmd) return
    ctx.busy = cmd
    cmd.status = 'Running'
    const canned = this.faults.takeCommandOutcome()
    const run: Promise<Results | CannedOutcome> = canned
      ? new Promise(resolve => setTimeout(() => resolve(canned), canned.runMs ?? 0).unref())
      : ctx.kernel && RUNNABLE.has(cmd.language)
        ? ctx.kernel.run(cmd.id, cmd.language as 'python' | 'sql', cmd.code)
        : Promise.resolve(unsupported(cmd.language))
    void run.then(answer => {
      if (ctx.busy === cmd) ctx.busy = undefined
      ctx.lastActive = Date.now()
      if (canned) this.finish(cmd, canned.results, canned.status ?? 'Finished')
      else this.finish(cmd, answer as Results)
      this.pump(ctx)
    })
  }

  private finish(cmd: Command, results: Results | null, status?: CannedOutcome['status']): void {
    finishCommand(cmd, results, status, this.faults.config.cancelMode)
  }

  stopAll(): void {
    for (const ctx of this.contexts.values()) ctx.kernel?.kill()
    this.contexts.clear()
  }
}
