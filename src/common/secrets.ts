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
    for (const l of this.listeners) l(value)
  }

  list(): string[] {
    return [...this.values]
  }

  /** The text with every known secret replaced by `***`, longest first so none leaves a tail. */
  redact(text: string): string {
    let out = text
    for (const v of this.forms) {
      if (out.includes(v)) out = out.split(v).join('***')
    }
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
      for (const [k, v] of Object.entries(value)) out[this.redact(k)] = this.walk(v)
      return out
    }
    return value
  }
}
