/**
 * Untrusted text (command output, table cells, service messages) inside markdown that GitHub
 * renders: the job summary, and any comment built the same way.
 *
 * GitHub renders markdown with CommonMark + GFM. Raw HTML is passed through only inside an
 * "HTML block", and a block that starts with a block-level tag (`<h3>`, `<table>`, `<div>`,
 * `<details>`, ...) ends at the first BLANK line; whatever follows is parsed as markdown
 * (headings, lists, emphasis, `![x](url)` images). So the rules are:
 *
 * 1. Build the whole document as ONE HTML block: start it with a block-level tag and join the
 *    pieces with single newlines (`htmlBlock`), never a blank line.
 * 2. Put every untrusted string through `htmlText`: it escapes HTML and writes line breaks as
 *    character references, so the text adds no line to the markdown source at all. A blank line
 *    in the data can then never end the block, and the renderer shows the text verbatim.
 */

import { stripAnsi } from '../common/text.js'

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '\r\n': '&#10;',
  '\r': '&#10;',
  '\n': '&#10;',
  '\u007f': '\u2421'
}
// Markup characters, line breaks, and C0 controls other than tab (invisible or refused in HTML).
// eslint-disable-next-line no-control-regex
const SPECIAL = /\r\n?|[&<>"'|\n\u0000-\u0008\u000b-\u001f\u007f]/g

/**
 * The text as HTML that renders exactly as the text, on one source line: `& < > " ' |`
 * escaped, terminal colour codes removed, each line break (LF, CRLF or a lone CR) written as
 * `&#10;` (inside `<pre>` it still breaks the line), other control characters shown as their
 * Unicode control pictures (U+2400 + code).
 */
export function htmlText(text: string): string {
  return stripAnsi(text).replace(
    SPECIAL,
    c => ENTITIES[c] ?? String.fromCharCode(0x2400 + c.charCodeAt(0))
  )
}

/** Thrown when a piece would end the HTML block: a bug in the caller, never data. */
export class UnsafeMarkdownError extends Error {
  override name = 'UnsafeMarkdownError'
}

/**
 * Joins pieces of HTML into one HTML block. The first piece must start with a block-level tag,
 * and no piece may hold a blank line; either would let markdown through, so it throws.
 */
export function htmlBlock(pieces: string[]): string {
  const html = pieces.filter(p => p !== '').join('\n')
  if (!/^<(h[1-6]|table|div|details|p|ul|ol)[\s>]/i.test(html))
    throw new UnsafeMarkdownError('an HTML block must start with a block-level tag')
  if (/(^|\n)[ \t]*(\r?\n|$)/.test(html.replace(/\n$/, '')) || /\r/.test(html))
    throw new UnsafeMarkdownError('a blank line would end the HTML block')
  return `${html}\n`
}
