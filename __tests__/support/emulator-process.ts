import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'

/** An emulator in its own process, as `npm run emulator` starts it. */
export interface EmulatorProcess {
  url: string
  token: string
  clusterId: string
  caCert: string
  stop(): Promise<void>
}

/**
 * Starts the emulator in a child process, so heavy tests do not share its event loop with the
 * harness that runs dozens of steps at once.
 */
export async function startEmulatorProcess(args: string[] = []): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'emulator/cli.ts'), ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', code => reject(new Error(`the emulator exited (code ${code})`)))
    createInterface({ input: child.stdout! }).once('line', resolve)
  })
  const info = JSON.parse(first) as Omit<EmulatorProcess, 'stop'>
  return {
    ...info,
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
