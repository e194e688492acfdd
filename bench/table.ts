import type { FakeClockCount } from './call-count.js'
import type { Sample } from './cell.js'
import type { Startup } from './startup.js'

export interface BenchResult {
  meta: {
    date: string
    node: string
    machine: string
    nodeStartupMs: number
    mainBundleBytes: number
    postBundleBytes: number
    loadAverage: number
    reps: number
  }
  samples: Sample[]
  fakeClock: FakeClockCount[]
  startup: Startup[]
}

const NAMES = { action: 'this action', sdk: 'SDK waiter' }

/**
 * The limit for the overhead beyond the command: two Node start-ups plus the step's five
 * sequential round trips (cluster check, create, context status, execute, destroy).
 */
export function overheadLimitMs(startupMs: number, rttMs: number): number {
  return 2 * startupMs + 5 * rttMs
}

/** The goal for done-detection: 150 ms or 15% of the run, whichever is more; 10 s past 60 s. */
export function detectionGoalMs(seconds: number): number {
  return seconds > 60 ? 10_000 : Math.max(150, 150 * seconds)
}

const ms = (n: number): string => `${Math.round(n)} ms`

/** The markdown table `npm run bench` prints and the README shows. */
export function table(r: BenchResult): string {
  const m = r.meta
  const lines = [
    `${m.date.slice(0, 10)}, ${m.machine}, load average ${m.loadAverage}, Node ${m.node}; Node start-up ${ms(m.nodeStartupMs)}; medians of ${m.reps} run(s) per cell. Main bundle ${(m.mainBundleBytes / 1e6).toFixed(2)} MB with its chunks.`,
    '',
    '| RTT | command | client | detection (goal) | status calls | total calls | connections | overhead | limit | ratio | first request |',
    '|---|---|---|---|---|---|---|---|---|---|---|'
  ]
  const keys = [...new Set(r.samples.map(s => `${s.rttMs}|${s.seconds}`))]
  for (const key of keys) {
    const [rtt, seconds] = key.split('|').map(Number) as [number, number]
    for (const client of ['action', 'sdk'] as const) {
      const cell = r.samples.filter(
        s => s.rttMs === rtt && s.seconds === seconds && s.client === client
      )
      if (!cell.length) continue
      const med = (f: (s: Sample) => number): number => median(cell.map(f))
      const limit = overheadLimitMs(m.nodeStartupMs, rtt)
      lines.push(
        `| ${rtt} ms | ${seconds} s | ${NAMES[client]} | ${ms(med(s => s.detectionMs))} (${ms(detectionGoalMs(seconds))}) | ${med(s => s.statusCalls)} | ${med(s => s.totalCalls)} | ${med(s => s.connections)} | ${ms(med(s => s.overheadMs))} | ${ms(limit)} | ${(med(s => s.overheadMs) / limit).toFixed(2)} | ${ms(med(s => s.firstRequestMs))} |`
      )
    }
  }
  for (const f of r.fakeClock) {
    lines.push(
      `| ${f.rttMs} ms | ${f.seconds / 60} min, fake clock | ${NAMES[f.client]} | ${ms(f.detectionMs)} (${ms(detectionGoalMs(f.seconds))}) | ${f.statusCalls} | | | | | | |`
    )
  }
  lines.push('')
  for (const s of r.startup)
    lines.push(
      `Start-up, ${s.entry} (fastest of 7): connection opened ${ms(s.connected.wallMs)} after the process started, first request sent at ${ms(s.request.wallMs)} (${ms(s.request.cpuMs)} of CPU), ${(s.loadedBytes / 1e6).toFixed(2)} MB of the bundle loaded by then.`
    )
  return lines.join('\n')
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}
