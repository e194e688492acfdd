import { parseJsonExact } from '../src/common/exact-json.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Readable, Writable } from 'node:stream'

const WORKER = fileURLToPath(new URL('./python/worker.py', import.meta.url))

export type Results = Record<string, unknown>

export interface KernelLimits {
  maxOutputBytes: number
  maxReplOutputLength: number
  rowLimit: number
  tableBytes: number
}

/** One python3 process: the interpreter behind one execution context. */
export class PythonKernel {
  private readonly child: ChildProcess
  private readonly pending = new Map<string, (r: Results) => void>()
  private stderr = ''
  readonly ready: Promise<void>
  exited = false

  constructor(limits: KernelLimits, onExit: (kernel: PythonKernel) => void) {
    this.child = spawn(process.env.EMULATOR_PYTHON || 'python3', ['-u', WORKER], {
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PYTHONIOENCODING: 'utf-8',
        EMULATOR_MAX_OUTPUT_BYTES: String(limits.maxOutputBytes),
        EMULATOR_MAX_REPL_OUTPUT_LENGTH: String(limits.maxReplOutputLength),
        EMULATOR_ROW_LIMIT: String(limits.rowLimit),
        EMULATOR_TABLE_BYTES: String(limits.tableBytes)
      }
    })
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000)
    })
    const answers = this.child.stdio[3] as Readable
    let markReady: () => void = () => {}
    let failReady: (e: Error) => void = () => {}
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve
      failReady = reject
    })
    this.ready.catch(() => {})
    createInterface({ input: answers }).on('line', line => {
      // Exact: the service sends big integers and decimals with every digit.
      const msg = parseJsonExact(line) as { type: string; id?: string; results?: Results }
      if (msg.type === 'ready') markReady()
      if (msg.type === 'result' && msg.id) {
        this.pending.get(msg.id)?.(msg.results ?? {})
        this.pending.delete(msg.id)
      }
    })
    this.child.on('error', e => failReady(new Error(`cannot start python3: ${e.message}`)))
    this.child.on('exit', code => {
      this.exited = true
      failReady(
        new Error(`python3 exited before it was ready (code ${code}): ${this.stderr.trim()}`)
      )
      const died = {
        resultType: 'error',
        summary: 'Fatal error: The Python kernel is unresponsive.',
        cause: `The Python process exited unexpectedly (code ${code}).\n${this.stderr}`
      }
      for (const resolve of this.pending.values()) resolve(died)
      this.pending.clear()
      onExit(this)
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  /** Runs code; resolves with the `results` object the service would return. */
  run(id: string, language: 'python' | 'sql', code: string): Promise<Results> {
    return new Promise(resolve => {
      if (this.exited)
        return resolve({
          resultType: 'error',
          summary: 'Fatal error: The Python kernel is unresponsive.',
          cause: 'The Python process is gone.'
        })
      this.pending.set(id, resolve)
      ;(this.child.stdin as Writable).write(`${JSON.stringify({ id, language, code })}\n`)
    })
  }

  /** Interrupts the running command, as a cancel does. */
  interrupt(): void {
    if (!this.exited) this.child.kill('SIGINT')
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL')
  }
}
