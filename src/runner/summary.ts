import type { ClusterState } from '../databricks/clusters.js'
import * as core from '@actions/core'
import { formatDuration } from '../common/duration.js'
import { errorMessage } from '../common/errors.js'
import { byteLength, cutToBytes, plural } from '../common/text.js'
import { columnKeys, type CommandResult } from '../databricks/results.js'
import { cellText } from './cells.js'
import type { SavedImages } from './images.js'
import { htmlBlock, htmlText } from './markdown-safe.js'
import type { StepStatus } from './outputs.js'

/** GitHub drops a step's summary past 1 MiB (1,048,576 bytes); stay well below it. */
export const SUMMARY_LIMIT_BYTES = 1_000_000
/** More rows than this make a summary nobody reads; the output has them all. */
export const SUMMARY_MAX_ROWS = 500
/** A longer cell is shortened, with a note, so one huge value cannot crowd out every row. */
export const SUMMARY_MAX_CELL_CHARS = 10_000
/** Inline code longer than this is shown cut in the summary (the workflow file has it all). */
const MAX_INLINE_CODE_BYTES = 20_000
/** Messages and labels in the head are cut to this, so the result keeps its room. */
const MAX_HEAD_TEXT_BYTES = 4000

export interface SummaryData {
  clusterId: string
  /** The cluster's page in the workspace; the cluster id links to it. */
  clusterUrl?: string
  /** Inline code, shown folded under the head; a file is named by `source`. */
  inlineCode?: string
  /** How long each phase took, in words (report-words.ts). */
  phases?: string
  /** How much came back and whether it is complete, in words (report-words.ts). */
  counts?: string
  language: string
  source: string
  /** The command's final status, or what stopped the step ("Timed out", "Failed"). */
  status: StepStatus
  durationMs: number
  result?: CommandResult
  /** Where the result's images were saved, when it has any. */
  images?: SavedImages
  /** Why the step failed, when it did. */
  failure?: string
  /** For a step that only manages the cluster: the state it left the cluster in. */
  clusterState?: ClusterState
}

const ICONS: Record<StepStatus, string> = {
  Finished: '✅',
  Error: '❌',
  Cancelled: '⏹️',
  'Timed out': '⏱️',
  Failed: '❌'
}

/** What happened, in a few words: an error result says what failed, not "Finished". */
function headline(d: SummaryData): { icon: string; text: string; status: string } {
  if (d.result?.type === 'error' && !d.failure && d.status === 'Finished') {
    const message = cutToBytes(d.result.message, 300)
    return {
      icon: '❌',
      text: `Databricks command failed: ${message}${message === d.result.message ? '' : '…'}`,
      status: 'Finished with an error'
    }
  }
  if (d.clusterState && d.status === 'Finished')
    return {
      icon: ICONS[d.status],
      text: `Databricks cluster: ${d.clusterState}`,
      status: d.clusterState
    }
  return {
    icon: ICONS[d.status] ?? 'ℹ️',
    text: `Databricks command: ${d.status}`,
    status: d.status
  }
}

/**
 * The job summary: one HTML block (see markdown-safe.ts), every value escaped, so GitHub shows
 * whatever the result holds verbatim; never more than `limit` bytes.
 */
export function buildSummary(d: SummaryData, limit = SUMMARY_LIMIT_BYTES): string {
  const h = headline(d)
  const cells = [d.clusterId, d.language, d.source, h.status, formatDuration(d.durationMs)]
  const cluster = d.clusterUrl
    ? `<a href="${htmlText(d.clusterUrl)}">${htmlText(cutToBytes(d.clusterId, MAX_HEAD_TEXT_BYTES))}</a>`
    : htmlText(cutToBytes(d.clusterId, MAX_HEAD_TEXT_BYTES))
  const head = [
    `<h3>${h.icon} ${htmlText(cutToBytes(h.text, MAX_HEAD_TEXT_BYTES))}</h3>`,
    '<table><tr><th>Cluster</th><th>Language</th><th>Source</th><th>Status</th><th>Duration</th></tr>',
    `<tr><td>${cluster}</td>${cells
      .slice(1)
      .map(c => `<td>${htmlText(cutToBytes(c, MAX_HEAD_TEXT_BYTES))}</td>`)
      .join('')}</tr></table>`
  ]
  if (d.phases) head.push(`<p>${htmlText(d.phases)}</p>`)
  if (d.inlineCode) head.push(inlineCode(d.inlineCode, d.language))
  if (d.failure) head.push(`<p><strong>${htmlText(cutShown(d.failure))}</strong></p>`)
  if (d.counts) head.push(`<p><em>${htmlText(d.counts)}</em></p>`)
  // Room for the joins, the notes and the closing tags of the result.
  const budget = limit - byteLength(head.join('\n')) - 2000
  const result = d.result ? renderResult(d.result, budget, d.images) : []
  // Each part keeps to its budget; this is the backstop for shapes none of them foresaw
  // (thousands of long column names), since GitHub shows nothing of a summary over 1 MiB.
  if (byteLength(result.join('\n')) > budget)
    return htmlBlock([
      ...head,
      "<p><em>The result is too large to show within GitHub's 1 MiB summary limit; the step's outputs have it.</em></p>"
    ])
  return htmlBlock([...head, ...result])
}

/** Inline code, folded: the head stays short, and the code is one click away, verbatim. */
function inlineCode(code: string, language: string): string {
  const lines = code.replace(/\n$/, '').split('\n').length
  const shown = cutToBytes(code, MAX_INLINE_CODE_BYTES)
  const note = shown.length < code.length ? ` (the first ${MAX_INLINE_CODE_BYTES} bytes)` : ''
  return `<details><summary>Inline ${htmlText(language)} code (${plural(lines, 'line')})${note}</summary><pre><code>${htmlText(shown)}</code></pre></details>`
}

function renderResult(r: CommandResult, budget: number, images?: SavedImages): string[] {
  switch (r.type) {
    case 'text':
      return r.text
        ? preBlock(r.text, budget, 'The output')
        : ['<p><em>The command printed nothing.</em></p>']
    case 'table':
      return renderTable(r, budget)
    case 'error': {
      const message = `<p><strong>${htmlText(cutShown(r.message))}</strong></p>`
      // An error with no traceback gets no empty block.
      if (!r.traceback.trim() || r.traceback.trim() === r.message.trim()) return [message]
      return [
        message,
        '<details open><summary>Traceback</summary>',
        ...preBlock(r.traceback, budget - byteLength(message), 'The traceback'),
        '</details>'
      ]
    }
    case 'image':
    case 'images':
      return renderImages(r.fileNames, images, budget)
    case 'none':
      return ['<p><em>No result.</em></p>']
  }
}

/** Text in a pre block; cut at a character boundary when it would pass the budget. */
function preBlock(text: string, budget: number, what: string): string[] {
  budget -= 300 // the tags and the note
  // Escaping never shrinks text, so no more than `budget` bytes of it can fit.
  let keep = cutToBytes(text, budget)
  let html = htmlText(keep)
  while (byteLength(html) > budget && keep.length > 0) {
    keep = cutToBytes(keep, Math.floor(byteLength(keep) * Math.min(0.9, budget / byteLength(html))))
    html = htmlText(keep)
  }
  const out = [`<pre><code>${html}</code></pre>`]
  if (keep.length < text.length)
    out.push(
      `<p><em>${what} was cut to ${byteLength(keep)} of ${byteLength(text)} bytes to fit GitHub's 1 MiB summary limit.</em></p>`
    )
  return out
}

function renderTable(r: Extract<CommandResult, { type: 'table' }>, budget: number): string[] {
  const keys = columnKeys(r.columns)
  const header = `<tr>${r.columns
    .map((c, i) => {
      const renamed = keys[i] === c.name ? '' : ` (${keys[i] ?? ''} in the result output)`
      return `<th>${htmlText(cutShown(c.name) + renamed)}<br><sub>${htmlText(cutShown(c.type))}</sub></th>`
    })
    .join('')}</tr>`
  let html = `<table>${header}`
  let shown = 0
  let firstRowBytes = 0
  let shortened = false
  for (const row of r.rows) {
    if (shown >= SUMMARY_MAX_ROWS) break
    const tds = r.columns.map((_, i) => {
      const text = cellText(row[i])
      if (text.length <= SUMMARY_MAX_CELL_CHARS) return `<td>${htmlText(text)}</td>`
      shortened = true
      const more = text.length - SUMMARY_MAX_CELL_CHARS
      return `<td>${htmlText(text.slice(0, SUMMARY_MAX_CELL_CHARS))}<em>… (${more} more characters)</em></td>`
    })
    const tr = `<tr>${tds.join('')}</tr>`
    if (byteLength(html) + byteLength(tr) > budget) {
      if (shown === 0) firstRowBytes = byteLength(tr)
      break
    }
    html += tr
    shown++
  }
  html += '</table>'
  const notes = [`${plural(r.rows.length, 'row')}`]
  if (shown === 0 && r.rows.length > 0)
    notes.push(
      `the first row alone takes ${firstRowBytes} bytes, more than fits in GitHub's 1 MiB summary, so no row is shown here; the result output has what fits its limit`
    )
  else if (shown < r.rows.length)
    notes.push(`showing the first ${shown} here; the result output has more`)
  if (shortened)
    notes.push(`cells longer than ${SUMMARY_MAX_CELL_CHARS} characters are shortened here`)
  if (r.truncated) notes.push('Databricks truncated the result')
  return [html, `<p><em>${htmlText(notes.join('; '))}.</em></p>`]
}

/** How many images there are and where: files on the runner, paths in the workspace. */
function renderImages(names: string[], images: SavedImages | undefined, budget: number): string[] {
  let p = `<p>${htmlText(plural(names.length, 'image'))}.`
  if (images?.files.length)
    p += ` ${images.files.length} saved on the runner in <code>${htmlText(images.dir)}</code> (output <code>image-files</code>), for a later step to upload.`
  p += '</p>'
  // Data URLs never reach the summary: only the paths of plots kept in the workspace.
  const inWorkspace = images?.workspacePaths ?? names.filter(n => !n.startsWith('data:'))
  if (!inWorkspace.length) return [p]
  return [
    p,
    ...renderNames(
      inWorkspace,
      budget - byteLength(p),
      'Kept in the workspace (DBFS /FileStore/plots/):'
    )
  ]
}

function renderNames(names: string[], budget: number, heading: string): string[] {
  let html = `<p>${htmlText(heading)}</p><ul>`
  let shown = 0
  for (const name of names) {
    const li = `<li><code>${htmlText(shorten(name))}</code></li>`
    if (byteLength(html) + byteLength(li) > budget) break
    html += li
    shown++
  }
  if (shown < names.length) html += `<li><em>and ${names.length - shown} more</em></li>`
  return [`${html}</ul>`]
}

/** Messages in the head, cut to a size that leaves the result its room. */
function cutShown(text: string): string {
  const cut = cutToBytes(text, MAX_HEAD_TEXT_BYTES)
  return cut.length < text.length ? `${cut}…` : cut
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
