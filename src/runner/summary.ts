import * as core from '@actions/core'
import { formatDuration } from '../common/duration.js'
import { errorMessage } from '../common/errors.js'
import { byteLength, cutToBytes, escapeHtml, jsonText } from '../common/text.js'
import type { CommandResult } from '../databricks/results.js'
import type { StepStatus } from './outputs.js'

/** GitHub drops a step's summary past 1 MiB; stay well below it. */
export const SUMMARY_LIMIT_BYTES = 1_000_000
/** More rows than this make a summary nobody reads; the output has them all. */
export const SUMMARY_MAX_ROWS = 500

export interface SummaryData {
  clusterId: string
  language: string
  source: string
  /** The command's final status, or what stopped the step ("Timed out", "Failed"). */
  status: StepStatus
  durationMs: number
  result?: CommandResult
  /** Why the step failed, when it did. */
  failure?: string
}

const ICONS: Record<StepStatus, string> = {
  Finished: '✅',
  Error: '❌',
  Cancelled: '⏹️',
  'Timed out': '⏱️',
  Failed: '❌'
}

/** The job summary as HTML (GitHub renders it inside markdown), escaped and within the limit. */
export function buildSummary(d: SummaryData, limit = SUMMARY_LIMIT_BYTES): string {
  const icon = d.result?.type === 'error' ? '❌' : ICONS[d.status]
  const cells = [d.clusterId, d.language, d.source, d.status, formatDuration(d.durationMs)].map(
    escapeHtml
  )
  let head = `<h3>${icon} Databricks command: ${escapeHtml(d.status)}</h3>\n`
  head +=
    '<table><tr><th>Cluster</th><th>Language</th><th>Source</th><th>Status</th><th>Duration</th></tr>'
  head += `<tr>${cells.map(c => `<td>${c}</td>`).join('')}</tr></table>\n`
  if (d.failure) head += `<p><strong>${escapeHtml(cutToBytes(d.failure, 4000))}</strong></p>\n`
  const budget = limit - byteLength(head) - 400
  return head + (d.result ? renderResult(d.result, budget) : '')
}

function renderResult(r: CommandResult, budget: number): string {
  switch (r.type) {
    case 'text':
      return r.text
        ? preBlock(r.text, budget, 'The output')
        : '<p><em>The command printed nothing.</em></p>\n'
    case 'table':
      return renderTable(r, budget)
    case 'error': {
      const head = `<p><strong>${escapeHtml(cutToBytes(r.message, 4000))}</strong></p>\n`
      return `${head}<details open><summary>Traceback</summary>\n\n${preBlock(r.traceback, budget - byteLength(head), 'The traceback')}</details>\n`
    }
    case 'image':
      return `<p>Image: <code>${escapeHtml(shorten(r.fileName))}</code></p>\n`
    case 'images':
      return `<p>Images:</p><ul>${r.fileNames.map(f => `<li><code>${escapeHtml(shorten(f))}</code></li>`).join('')}</ul>\n`
    case 'none':
      return '<p><em>No result.</em></p>\n'
  }
}

/** Text in a pre block; cut at a character boundary when it would pass the budget. */
function preBlock(text: string, budget: number, what: string): string {
  let keep = text
  let html = escapeHtml(keep)
  while (byteLength(html) > budget && keep.length > 0) {
    keep = cutToBytes(keep, Math.floor(byteLength(keep) * Math.min(0.9, budget / byteLength(html))))
    html = escapeHtml(keep)
  }
  const note =
    keep.length < text.length
      ? `<p><em>${what} was cut to ${byteLength(keep)} of ${byteLength(text)} bytes to fit GitHub's 1 MiB summary limit.</em></p>\n`
      : ''
  return `<pre><code>${html}</code></pre>\n${note}`
}

function renderTable(r: Extract<CommandResult, { type: 'table' }>, budget: number): string {
  const header = `<tr>${r.columns.map(c => `<th>${escapeHtml(c.name)}<br><sub>${escapeHtml(c.type)}</sub></th>`).join('')}</tr>`
  let html = `<table>${header}`
  let shown = 0
  for (const row of r.rows) {
    if (shown >= SUMMARY_MAX_ROWS) break
    const tr = `<tr>${r.columns.map((_, i) => `<td>${escapeHtml(cell(row[i]))}</td>`).join('')}</tr>`
    if (byteLength(html) + byteLength(tr) > budget) break
    html += tr
    shown++
  }
  html += '</table>\n'
  const notes: string[] = [`${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`]
  if (shown < r.rows.length)
    notes.push(`showing the first ${shown} here; the result output has more`)
  if (r.truncated) notes.push('Databricks truncated the result')
  return `${html}<p><em>${escapeHtml(notes.join('; '))}.</em></p>\n`
}

function cell(v: unknown): string {
  return v === null || v === undefined ? 'null' : jsonText(v)
}

/** Data URLs can be megabytes; a name is enough in the summary. */
function shorten(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s
}

/** Appends to the job summary. One that cannot be written (no GITHUB_STEP_SUMMARY) is skipped. */
export async function writeSummary(html: string): Promise<void> {
  try {
    await core.summary.addRaw(html).write()
  } catch (e) {
    core.debug(`Job summary not written: ${errorMessage(e)}`)
  }
}
