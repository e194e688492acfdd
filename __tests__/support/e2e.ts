import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals'
import { Emulator, type CallRecord, type EmulatorOptions } from '../../emulator/emulator.js'
import { runJob, runStep, type StepOptions, type StepResult } from '../../harness/runner.js'

export { Emulator }

/** Inputs that point the action at the emulator; tests add the rest. */
export function target(emu: Emulator, over: Record<string, string> = {}): Record<string, string> {
  return { host: emu.url, token: emu.token, 'cluster-id': emu.clusterId, timeout: '1m', ...over }
}

export function env(emu: Emulator): Record<string, string> {
  return { NODE_EXTRA_CA_CERTS: emu.caCert }
}

/**
 * One emulator for a test file: started before the tests, reset before each, stopped after.
 * After each test it can check that nothing was left, and it always clears what was, so one
 * failing test cannot fail the next.
 */
export function useEmulator(
  onStart: (emu: Emulator) => void,
  o: EmulatorOptions & { checkNothingLeft?: boolean } = {}
): void {
  let emu: Emulator | undefined
  beforeAll(async () => {
    emu = await Emulator.start(o)
    onStart(emu)
  })
  afterAll(() => emu?.stop())
  beforeEach(() => emu?.reset())
  afterEach(async () => {
    try {
      if (o.checkNothingLeft && emu) await expectNothingLeft(emu)
    } finally {
      emu?.registry.stopAll()
    }
  })
}

export async function startEmulator(o: EmulatorOptions = {}): Promise<Emulator> {
  return Emulator.start(o)
}

/** Main then post, as a job runs them. */
export function job(
  emu: Emulator,
  inputs: Record<string, string>,
  o: Partial<StepOptions> = {}
): Promise<{ main: StepResult; post: StepResult }> {
  return runJob({ inputs: target(emu, inputs), ...o, env: { ...env(emu), ...o.env } })
}

export function step(emu: Emulator, o: StepOptions): Promise<StepResult> {
  return runStep({ ...o, env: { ...env(emu), ...o.env } })
}

export function calls(emu: Emulator, method: string, path: string): CallRecord[] {
  return emu.calls.filter(c => c.method === method && c.path === `/api/${path}`)
}

/**
 * The promise every test keeps: no context and no python process outlives the job. Kernels
 * report their exit asynchronously, so this waits a moment for them.
 */
export async function expectNothingLeft(emu: Emulator): Promise<void> {
  for (let i = 0; i < 40 && (emu.registry.liveContexts || emu.registry.liveProcesses); i++)
    await new Promise(r => setTimeout(r, 50))
  expect({ contexts: emu.registry.liveContexts, processes: emu.registry.liveProcesses }).toEqual({
    contexts: 0,
    processes: 0
  })
}

/**
 * For a job that could not clean up: exactly these contexts are left on the emulator (a leak
 * elsewhere, or a context wrongly destroyed, fails). Then they are removed, as a user following
 * the post step's manual advice would, and nothing may remain.
 */
export async function expectLeftOnly(
  emu: Emulator,
  contextIds: (string | undefined)[]
): Promise<void> {
  expect(
    emu.registry
      .list()
      .map(c => c.id)
      .sort()
  ).toEqual([...contextIds].sort())
  for (const id of contextIds) if (id) emu.registry.destroy(id)
  await expectNothingLeft(emu)
}

/**
 * A create or execute may be sent again only after an answer that proves nothing was done:
 * an injected 429/503 or ClusterNotReadyException. At most one may reach the service.
 */
export function expectNoDuplicateWork(emu: Emulator): void {
  for (const path of ['/api/1.2/contexts/create', '/api/1.2/commands/execute']) {
    // Answered by the service, or cut off after sending (which may have reached it).
    const reached = emu.calls.filter(
      c => c.method === 'POST' && c.path === path && (!c.fault || c.status === 'dropped')
    )
    expect({ path, reached: reached.length }).toEqual({
      path,
      reached: Math.min(reached.length, 1)
    })
  }
}

/** The one ::error:: line, as the runner shows it. */
export function theError(r: StepResult): string {
  expect(r.errors).toHaveLength(1)
  return r.errors[0] ?? ''
}
