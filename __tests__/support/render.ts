import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/**
 * Markdown as GitHub renders it: CommonMark with the GFM extensions (tables, autolinks,
 * strikethrough, task lists, tag filter). Raw HTML is let through, as GitHub does before it
 * sanitises the result.
 */
export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' '
}

/** What a reader sees of rendered HTML: the text with tags removed and references decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref.startsWith('#x') || ref.startsWith('#X'))
        return String.fromCodePoint(parseInt(ref.slice(2), 16))
      if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
      return NAMED[ref.toLowerCase()] ?? whole
    })
}

/** The element names in rendered HTML, e.g. to prove no `img` or `h1` came out of data. */
export function elements(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map(m => (m[1] ?? '').toLowerCase()))
}

/**
 * What a reader of a comment or summary sees: visibleText, with <br> as a line break, HTML
 * comments (hidden markers) dropped, and the zero-width spaces that defuse @mentions removed.
 */
export function readableText(html: string): string {
  return visibleText(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<br\s*\/?>/g, '\n')).replace(
    /\u200b/g,
    ''
  )
}
