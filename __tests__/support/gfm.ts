import { decodeNamedCharacterReference } from 'decode-named-character-reference'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/** Markdown rendered as GitHub renders comments and job summaries (CommonMark + GFM, raw HTML kept). */
export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
}

/**
 * The text a reader sees in rendered HTML: comments and tags dropped, <br> as a line break,
 * entities decoded, and the zero-width spaces that defuse mentions removed.
 */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, ref: string) => decode(ref) ?? all)
    .replace(/\u200b/g, '')
}

function decode(ref: string): string | undefined {
  if (ref[0] !== '#') return decodeNamedCharacterReference(ref) || undefined
  const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
  return String.fromCodePoint(code)
}

/** The element names in rendered HTML, to check that output made none of its own. */
export function tagsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map(m => (m[1] ?? '').toLowerCase()))
}
