import { stripAnsi } from '../common/text.js'

/**
 * One clean line from the service's error shapes: HTML summaries, ANSI tracebacks, JVM
 * `ExecutionError` / `StatusCode=` blocks, `ErrorMessage=` lines, R's temporary-file prefix.
 */

/** Removes tags and decodes the entities the service uses in summaries and R output. */
export function stripHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
}

/**
 * R names the temporary file it runs a command from at the start of its errors
 * (`DATABRICKS_CURRENT_TEMP_CMD__<id>: Error in …`); that name means nothing to the user.
 */
export function stripRPrefix(text: string): string {
  return text.replace(/^(\s*)DATABRICKS_CURRENT_TEMP_CMD__[^\s:]*:?[ \t]*/gm, '$1')
}

/** R prints through an HTML renderer: its text results arrive as HTML. */
export function htmlToText(html: string): string {
  const text = stripHtml(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|tr)>/gi, '\n'))
  return text.replace(/^\n+/, '').replace(/\n+$/, '')
}

const EXCEPTION_LINE = /^[A-Za-z_][\w.$]*(?:Error|Exception|Exit|Interrupt)\b(?::.*)?$/
/** A JVM error from an HTTP call the driver made (the SDKs and Terraform read it the same way). */
const EXECUTION_ERROR = /ExecutionError:[ \t]*([\s\S]*?)\n(StatusCode=\d*)\n(StatusDescription=.*)/

/**
 * The message of an error result: the exception line of the summary, else an ExecutionError
 * block of the cause, else its last exception line (Python ends its traceback with it), else a
 * JVM ErrorMessage=, else the first line of anything there is.
 */
export function errorLine(summary: string, cause: string): string {
  const s = firstLine(stripRPrefix(stripHtml(stripAnsi(summary))))
  if (s && !/^-{3,}/.test(s) && s !== 'Error') return s
  const clean = stripRPrefix(stripAnsi(cause))
  const block = EXECUTION_ERROR.exec(clean)
  if (block) {
    const what = block[1]?.trim().replace(/\s*\n\s*/g, ' ') || 'ExecutionError'
    return `${what} (${block[2]}, ${block[3]?.trim()})`
  }
  const lines = clean
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? ''
    if (EXCEPTION_LINE.test(line)) return line
  }
  const jvm = clean.match(/ErrorMessage=(.+)/)
  if (jvm?.[1]) return jvm[1].trim()
  return s || lines.find(l => !/^-{3,}$/.test(l)) || 'The command failed without an error message'
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map(l => l.trim())
      .find(Boolean) ?? ''
  )
}
