import { formatDuration } from '../common/duration.js'
import type { CommandResult } from '../databricks/results.js'
import { countOf } from './cells.js'

/** The step's phases, in order, as the job summary times them. */
export type RunPhase = 'cluster' | 'context' | 'command'

/** How long each phase took; a phase absent was not reached. */
export type PhaseTimes = Partial<Record<RunPhase, number>>

const PHASE_WORDS: Record<RunPhase, string> = {
  cluster: 'cluster ready',
  context: 'execution context ready',
  command: 'command ran'
}
const PHASE_DOING: Record<RunPhase, string> = {
  cluster: 'waiting for the cluster',
  context: 'creating the execution context',
  command: 'running the command'
}
const PHASES: RunPhase[] = ['cluster', 'context', 'command']

/**
 * The phases in words, e.g. "cluster ready in 0.2 s · execution context ready in 1.4 s · command
 * ran in 3.1 s". When the step failed, the phase it was in gets the rest of the time.
 */
export function phasesInWords(times: PhaseTimes, totalMs: number, failed: boolean): string {
  const parts: string[] = []
  let spent = 0
  for (const phase of PHASES) {
    const ms = times[phase]
    if (ms === undefined) {
      if (failed)
        parts.push(
          `stopped while ${PHASE_DOING[phase]}, after ${formatDuration(Math.max(0, totalMs - spent))}`
        )
      break
    }
    spent += ms
    parts.push(`${PHASE_WORDS[phase]} in ${formatDuration(ms)}`)
  }
  return parts.join(' · ')
}

/** The cluster's page in the workspace. */
export function clusterUrl(host: string, clusterId: string): string {
  return `${host}/#setting/clusters/${encodeURIComponent(clusterId)}/configuration`
}

/** What came back and whether anything is missing, in a sentence. */
export function countsInWords(r: CommandResult, outputCut: boolean): string {
  const cut = outputCut
    ? ' The result output was cut to fit GitHub’s limits; the result file has all of it.'
    : ''
  switch (r.type) {
    case 'table':
      return `${countOf(r.rows.length, 'row')} in ${countOf(r.columns.length, 'column')} came back${r.truncated ? '; Databricks truncated the table, so rows are missing' : ', complete'}.${cut}`
    case 'text': {
      const lines = r.text ? r.text.replace(/\n$/, '').split('\n').length : 0
      return `${countOf(lines, 'line')} of output (${countOf(Buffer.byteLength(r.text), 'byte')}).${cut}`
    }
    case 'error':
    case 'image':
    case 'images':
    case 'none':
      return cut.trim()
  }
}
