import { expect } from '@jest/globals'
import type { FaultRule } from '../../emulator/faults.js'
import { clusterNotReady, htmlError } from '../../emulator/faults.js'
import {
  calls,
  type Emulator,
  expectNoDuplicateWork,
  expectNothingLeft,
  job,
  theError
} from './e2e.js'

/** The transient faults of the matrix, as rules without a path. */
export const FAULTS: Record<string, Omit<FaultRule, 'path' | 'method'>> = {
  '429 with Retry-After': {
    status: 429,
    retryAfter: 1,
    body: { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests' }
  },
  '429 without Retry-After': {
    status: 429,
    body: {
      error_code: 'REQUEST_LIMIT_EXCEEDED',
      message: 'exceeded the concurrent limit of 20 requests'
    }
  },
  '500 HTML': { status: 500, body: htmlError(500) },
  '502 HTML': { status: 502, body: htmlError(502) },
  '503 HTML': { status: 503, body: htmlError(503) },
  '504 HTML': { status: 504, body: htmlError(504) },
  'dropped connection': { drop: true },
  'answer slower than request-timeout': { latencyMs: 2500 }
}

/** Faults that prove the service did nothing, so even a create or an execute may be repeated. */
const PROVES_NOTHING_DONE = new Set(['429 with Retry-After', '429 without Retry-After', '503 HTML'])

export interface Endpoint {
  method: 'GET' | 'POST'
  path: string
  idempotent: boolean
  /**
   * When in the job it is called, which picks the inputs that make it so: `setup` up to the
   * command's start, `wait` while the command runs, `timeout-cancel` after the timeout,
   * `post` in the post step.
   */
  phase: 'setup' | 'wait' | 'timeout-cancel' | 'post'
  /** Other faults that make the step call it. */
  needs?: FaultRule[]
}

export const ENDPOINTS: Endpoint[] = [
  // The cluster is looked at only when a create is refused.
  {
    method: 'GET',
    path: '2.0/clusters/get',
    idempotent: true,
    phase: 'setup',
    needs: [clusterNotReady(1)]
  },
  { method: 'POST', path: '1.2/contexts/create', idempotent: false, phase: 'setup' },
  { method: 'GET', path: '1.2/contexts/status', idempotent: true, phase: 'setup' },
  { method: 'POST', path: '1.2/commands/execute', idempotent: false, phase: 'setup' },
  { method: 'GET', path: '1.2/commands/status', idempotent: true, phase: 'wait' },
  { method: 'POST', path: '1.2/commands/cancel', idempotent: true, phase: 'timeout-cancel' },
  { method: 'POST', path: '1.2/contexts/destroy', idempotent: true, phase: 'post' }
]

export function cases(endpoints: Endpoint[]): [string, Endpoint, string][] {
  return endpoints.flatMap(e =>
    Object.keys(FAULTS).map(
      f => [`${e.method} ${e.path}: ${f}`, e, f] as [string, Endpoint, string]
    )
  )
}

const WHAT: Record<string, string> = {
  '1.2/contexts/create': 'Failed to create a python execution context on cluster',
  '1.2/commands/execute': 'Failed to start the command in context'
}

/** Runs one job with one fault on one endpoint and checks the promises of issue 4. */
export async function runFaultCase(
  emu: Emulator,
  endpoint: Endpoint,
  faultName: string
): Promise<void> {
  const fault = FAULTS[faultName] ?? {}
  emu.faults.set({
    rules: [
      { ...fault, method: endpoint.method, path: `/api/${endpoint.path}` },
      ...(endpoint.needs ?? [])
    ]
  })
  const timeoutCancel = endpoint.phase === 'timeout-cancel'
  const inputs: Record<string, string> = timeoutCancel
    ? { command: 'import time\ntime.sleep(30)', timeout: '3s', 'request-timeout': '1s' }
    : { command: 'print("fault-case")', 'request-timeout': '1s' }
  const { main, post } = await job(emu, inputs)
  const seen = calls(emu, endpoint.method, endpoint.path).map(c => c.status)
  const shouldRecover = endpoint.idempotent || PROVES_NOTHING_DONE.has(faultName)

  if (shouldRecover) {
    // One faulty answer, then the repeat that worked. A status poll may go on answering 200
    // while the context or command is still on its way (how long depends on the machine's load).
    const faulty =
      faultName === 'dropped connection' || faultName.startsWith('answer slower')
        ? 'dropped'
        : fault.status
    const polled = endpoint.method === 'GET' && endpoint.path.endsWith('/status')
    const repeats = polled ? Math.max(1, seen.length - 1) : 1
    expect(seen).toEqual([faulty, ...Array<number>(repeats).fill(200)])
    if (timeoutCancel) {
      expect(theError(main)).toBe(
        'The command timed out after 3s (the timeout input) and was cancelled.'
      )
    } else {
      expect({ exit: main.exitCode, errors: main.errors, status: main.outputs.status }).toEqual({
        exit: 0,
        errors: [],
        status: 'Finished'
      })
      expect(main.outputs.result).toBe('fault-case')
    }
    const label = `${endpoint.method} /api/${endpoint.path}`.replace(/\./g, '\\.')
    // A connection cut on a kept-alive socket looks like the server closing it as it idled: a
    // read is sent again at once on a new one (said at debug level), others after a backoff.
    expect(main.rawLog + post.rawLog).toMatch(
      new RegExp(
        `Retry 1 (of 5 )?in \\d+ ms: ${label}|${label}: the kept-alive connection was closed under it; sent again`
      )
    )
  } else {
    // A create or execute the service may have accepted is never sent twice.
    expect(seen).toHaveLength(1)
    expect(main.exitCode).toBe(1)
    const message = theError(main)
    expect(message.startsWith(WHAT[endpoint.path] ?? '')).toBe(true)
    const cause =
      faultName === 'dropped connection'
        ? /socket hang up|ECONNRESET/
        : faultName.startsWith('answer slower')
          ? /no answer/
          : new RegExp(`HTTP ${fault.status}: ${fault.status} `)
    expect(message).toMatch(cause)
  }
  expect(post.exitCode).toBe(0)
  expect(post.warnings).toEqual([])
  expectNoDuplicateWork(emu)
  await expectNothingLeft(emu)
}
