/**
 * Start-up of the bundled entries: how long after the process starts its connection opens and
 * its first request goes out (wall time, and the CPU time spent until then, which load on the
 * machine changes less). The request never leaves: the hook ends the process there.
 * The fastest of several runs is the best estimate of an unloaded runner.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../harness/runner.js'

interface Moment {
  wallMs: number
  cpuMs: number
}

export interface Startup {
  entry: 'main' | 'post'
  /** When the connection opened (early, as the entry starts). */
  connected: Moment
  /** When the first request went out. */
  request: Moment
  /** Bytes of the bundle (entry and chunks) loaded by the first request. */
  loadedBytes: number
}

export async function measureStartup(entry: 'main' | 'post', runs = 7): Promise<Startup> {
  const env = {
    PATH: process.env.PATH ?? '',
    INPUT_HOST: 'https://127.0.0.1:9',
    INPUT_TOKEN: 'dapi-startup',
    'INPUT_CLUSTER-ID': 'startup',
    INPUT_COMMAND: '1',
    STATE_host: 'https://127.0.0.1:9',
    'STATE_cluster-id': 'startup',
    'STATE_context-id': '1'
  }
  const all: Startup[] = []
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', join(ROOT, 'bench/first-connect.mjs'), join(ROOT, `dist/${entry}/index.js`)],
      { env }
    )
    const line = stdout.trim().split('\n').pop() ?? '{}'
    all.push({ entry, ...(JSON.parse(line) as Omit<Startup, 'entry'>) })
  }
  return all.reduce((a, b) => (b.request.wallMs < a.request.wallMs ? b : a))
}
