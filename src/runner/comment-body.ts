import type { StepStatus } from './outputs.js'
import { formatDuration } from '../common/duration.js'
import type { CommandResult } from '../databricks/results.js'
import { groupDigits } from '../common/text.js'
import { countOf, formatCell } from './cells.js'
import { htmlBlock, htmlText } from './markdown-safe.js'

/** GitHub refuses comment bodies over 65,536 characters; keep room for the frame. */
export const COMMENT_MAX_CHARS = 60_000
/** The comment is a glance at the result; the job summary and the result file hold more. */
export const COMMENT_TABLE_ROWS = 20
export const COMMENT_TEXT_LINES = 50
const CELL_MAX_CHARS = 100
const LINE_MAX_CHARS = 500

export interface CommentData {
  /** The hidden marker that finds this step's comment again (see commentMarker). */
  marker: string
  /** The command's final status, or what stopped the step ("Timed out", "Failed"). */
  status: StepStatus
  /** The file path, or the first line of the inline code. */
  source: string
  clusterId: string
  durationMs: number
  /** Link to the workflow run (built from the runner's variables). */
  runUrl: string
  result?: CommandResult
  /** Why the step failed when no result came back. */
  failure?: string
}

/**
 * The hidden marker for one workflow, job and step. It is percent-encoded so a name holding
 * `-->` or `--` cannot end the HTML comment early.
 */
export function commentMarker(workflow: string, job: string, step: string): string {
  const enc = (s: string): string => encodeURIComponent(s).replace(/-/g, '%2D')
  return `<!-- databricks-run-command-action:${enc(workflow)}/${enc(job)}/${enc(step)} -->`
}

/**
 * Untrusted text for the comment: the summary's escaping (one source line, so no blank line can
 * end the HTML block), plus a zero-width space after every `@` so output cannot mention a user
 * or a team. It always sits inside <code> or <pre>, where GitHub links neither references nor
 * URLs.
 */
export function escapeBlock(text: string): string {
  return htmlText(text).replace(/@/g, '@&#8203;')
}

/** The same, for a table cell or a line of the head, with line breaks shown as <br>. */
export function escapeInline(text: string): string {
  return escapeBlock(text).replace(/&#10;/g, '<br>')
}

/**
 * The comment: the hidden marker on its own line, then one HTML block (see markdown-safe.ts)
 * with every value escaped, within GitHub's size limit for comments.
 */
export function buildComment(d: CommentData): string {
  const link = /^https?:\/\//.test(d.runUrl)
    ? ` · <a href="${htmlText(d.runUrl)}">workflow run</a>`
    : ''
  const head = [
    `<h3>${headline(d.status, d.result)}</h3>`,
    `<p>Source <code>${escapeInline(d.source)}</code> · cluster <code>${escapeInline(d.clusterId)}</code> · ${htmlText(formatDuration(d.durationMs))}${link}</p>`
  ]
  const budget = COMMENT_MAX_CHARS - head.join('').length - 200
  const body = d.result
    ? renderResult(d.result, budget)
    : [
        `<p><strong><code>${escapeInline(cut(d.failure ?? 'The step failed.', 2000))}</code></strong></p>`
      ]
  return `${d.marker}\n${htmlBlock([...head, ...body])}`
}

function headline(status: StepStatus, r: CommandResult | undefined): string {
  if (r?.type === 'error') return '❌ Databricks command failed with an error'
  const icons: Record<string, string> = {
    Finished: '✅',
    Cancelled: '⏹️',
    'Timed out': '⏱️',
    Failed: '❌'
  }
  return `${icons[status] ?? 'ℹ️'} Databricks command: ${escapeInline(status)}`
}

function renderResult(r: CommandResult, budget: number): string[] {
  switch (r.type) {
    case 'text':
      return r.text ? textTail(r.text, budget) : ['<p><em>The command printed nothing.</em></p>']
    case 'table':
      return tableHead(r, budget)
    case 'error': {
      const message = `<p><strong><code>${escapeInline(cut(r.message, 2000))}</code></strong></p>`
      if (!r.traceback.trim()) return [message]
      const room = budget - message.length - 100
      return [message, `<details><summary>Traceback</summary>${pre(r.traceback, room)}</details>`]
    }
    case 'image':
    case 'images':
      return [
        `<p>${countOf(r.fileNames.length, 'image')}: ${r.fileNames
          .slice(0, 10)
          .map(f => `<code>${escapeInline(cut(f, 200))}</code>`)
          .join(' ')}</p>`
      ]
    case 'none':
      return ['<p><em>No result.</em></p>']
  }
}

/** The last lines of the output, each line capped, and within the budget. */
function textTail(text: string, budget: number): string[] {
  const all = text.replace(/\n$/, '').split('\n')
  let lines = all.slice(-COMMENT_TEXT_LINES).map(l => cut(l, LINE_MAX_CHARS))
  while (lines.length > 1 && escapeBlock(lines.join('\n')).length > budget) lines = lines.slice(1)
  const note =
    lines.length < all.length
      ? `<p><em>The last ${countOf(lines.length, 'line')} of ${groupDigits(all.length)}; the job summary and the result file have more.</em></p>`
      : ''
  return [note, pre(lines.join('\n'), budget)]
}

function tableHead(r: Extract<CommandResult, { type: 'table' }>, budget: number): string[] {
  const th = r.columns.map(
    c => `<th><code>${escapeInline(cut(c.name, CELL_MAX_CHARS))}</code></th>`
  )
  let html = `<table><tr>${th.join('')}</tr>`
  let shown = 0
  let shortened = false
  for (const row of r.rows.slice(0, COMMENT_TABLE_ROWS)) {
    const cells = r.columns.map((_, i) => formatCell(row[i], CELL_MAX_CHARS))
    const tr = `<tr>${cells.map(c => `<td><code>${escapeInline(c.text)}</code></td>`).join('')}</tr>`
    if (html.length + tr.length > budget) break
    shortened ||= cells.some(c => c.shortened)
    html += tr
    shown++
  }
  const notes = [
    shown < r.rows.length
      ? `The first ${countOf(shown, 'row')} of ${groupDigits(r.rows.length)}`
      : countOf(r.rows.length, 'row'),
    r.truncated ? 'Databricks truncated the result' : '',
    shortened ? `cells longer than ${CELL_MAX_CHARS} characters are shortened (…)` : ''
  ].filter(Boolean)
  return [`${html}</table>`, `<p><em>${notes.join('; ')}.</em></p>`]
}

/**
 * Text in a <pre> block within the budget (counted after escaping, which can grow text five
 * times); when it must be cut, the tail is kept, where output and tracebacks say how it ended.
 */
function pre(text: string, budget: number): string {
  let shown = text
  while (shown.length > 0 && escapeBlock(shown).length > budget) {
    const ratio = Math.min(0.9, budget / escapeBlock(shown).length)
    shown = shown.slice(shown.length - Math.floor(shown.length * ratio))
    // Never start on the second half of a surrogate pair.
    if (/^[\uDC00-\uDFFF]/.test(shown)) shown = shown.slice(1)
  }
  return `<pre><code>${shown.length < text.length ? '…' : ''}${escapeBlock(shown)}</code></pre>`
}

function cut(text: string, max: number): string {
  return formatCell(text, max).text
}
