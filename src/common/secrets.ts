import { setOwn } from './exact-json.js'

/**
 * Every secret the step knows: tokens, passwords, client secrets, minted and exchanged tokens,
 * Basic headers. Whatever holds a secret adds it here the moment it exists (an authenticator
 * gets the registry in its constructor, so a token minted later is added as it arrives); the
 * runner layer hooks `onAdd` to mask it in the log, and service text is passed through
 * `redact` before it is cut, printed, written to an output or to the summary.
 */
export class Secrets {
  private readonly values = new Set<string>()
  /** Each secret and the forms it takes inside JSON or a URL, longest first. */
  private forms: string[] = []
  /** The first and last characters of each secret: what any fragment worth masking holds. */
  private edges: string[] = []
  private readonly listeners: ((value: string) => void)[] = []

  /** Called for every secret added from now on, and at once for those already known. */
  onAdd(listener: (value: string) => void): void {
    this.listeners.push(listener)
    for (const v of this.values) listener(v)
  }

  add(value: string | undefined): void {
    // Very short values would redact ordinary words; no real credential is that short.
    if (!value || value.length < 4 || this.values.has(value)) return
    this.values.add(value)
    // A service that echoes a secret may do so inside a JSON string or a URL.
    const encoded = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]
    this.forms = [...new Set([...this.forms, ...encoded])].sort((a, b) => b.length - a.length)
    for (const f of encoded) this.edges.push(f.slice(0, MIN_FRAGMENT), f.slice(-MIN_FRAGMENT))
    this.edges = [...new Set(this.edges)]
    for (const l of this.listeners) l(value)
  }

  list(): string[] {
    return [...this.values]
  }

  /**
   * The text with every known secret replaced by `***`, longest first so none leaves a tail.
   * A secret cut by someone else (the service cuts long output, keeping head and tail around a
   * marker) leaves a fragment that matches nothing whole: a secret's head at the end of the text
   * or just before a cut marker, and its tail at the start or just after one, are masked too.
   */
  redact(text: string): string {
    // Most text holds no piece of any secret: one quick look before the careful one. (A whole
    // secret, in any of its forms, holds that form's first characters.)
    if (!this.edges.some(e => text.includes(e))) return text
    let out = text
    for (const v of this.forms) {
      if (out.includes(v)) out = out.split(v).join('***')
    }
    const cuts = [0, out.length]
    if (out.includes('*** WARNING'))
      for (const m of out.matchAll(CUT_MARKER)) cuts.push(m.index, m.index + m[0].length)
    return this.maskEdges(out, cuts)
  }

  /** Masks secret heads that end, and tails that start, at the given positions. */
  private maskEdges(text: string, positions: number[]): string {
    const spans: [number, number][] = []
    for (const secret of this.values) {
      for (const at of positions) {
        const head = longestOverlap(text, at, secret, 'head')
        if (head) spans.push([at - head, at])
        const tail = longestOverlap(text, at, secret, 'tail')
        if (tail) spans.push([at, at + tail])
      }
    }
    if (spans.length === 0) return text
    // Overlapping fragments (the token, and "Bearer " + the token) become one mask.
    spans.sort((a, b) => a[0] - b[0])
    const merged: [number, number][] = []
    for (const [from, to] of spans) {
      const last = merged[merged.length - 1]
      if (last && from <= last[1]) last[1] = Math.max(last[1], to)
      else merged.push([from, to])
    }
    let out = text
    for (const [from, to] of merged.reverse()) out = `${out.slice(0, from)}***${out.slice(to)}`
    return out
  }

  /** Every string inside a parsed value redacted (keys too); other values as they were. */
  redactDeep<T>(value: T): T {
    if (this.forms.length === 0) return value
    return this.walk(value) as T
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value)
    if (Array.isArray(value)) return value.map(v => this.walk(v))
    if (
      value !== null &&
      typeof value === 'object' &&
      Object.getPrototypeOf(value) === Object.prototype
    ) {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) setOwn(out, this.redact(k), this.walk(v))
      return out
    }
    return value
  }
}

/** Where the service cut output: "*** WARNING: skipped N bytes of output ***" and its kin. */
const CUT_MARKER =
  /\s*\*\*\* WARNING: (?:skipped \d+ bytes of output|max output size exceeded[^*]*?)\s*\*\*\*\s*/g

/** Fragments shorter than this are left alone: they would match ordinary text. */
const MIN_FRAGMENT = 6

/**
 * The length of the longest fragment of `secret` (at least MIN_FRAGMENT, shorter than the
 * secret) that ends at `at` as the secret's head, or starts at `at` as its tail.
 */
function longestOverlap(text: string, at: number, secret: string, part: 'head' | 'tail'): number {
  const room = part === 'head' ? at : text.length - at
  const most = Math.min(secret.length - 1, room)
  if (most < MIN_FRAGMENT) return 0
  // Quick reject: a head fragment starts with the secret's first characters, a tail fragment
  // ends with its last ones, within reach of `at`.
  if (part === 'head') {
    const i = text.lastIndexOf(secret.slice(0, MIN_FRAGMENT), at - MIN_FRAGMENT)
    if (i < 0 || i < at - most) return 0
  } else {
    const i = text.indexOf(secret.slice(-MIN_FRAGMENT), at)
    if (i < 0 || i + MIN_FRAGMENT > at + most) return 0
  }
  for (let n = most; n >= MIN_FRAGMENT; n--) {
    const piece = part === 'head' ? text.slice(at - n, at) : text.slice(at, at + n)
    if (piece === (part === 'head' ? secret.slice(0, n) : secret.slice(secret.length - n))) return n
  }
  return 0
}
