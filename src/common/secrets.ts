/**
 * Every secret the step knows: tokens, passwords, client secrets, minted and exchanged tokens,
 * Basic headers. Whatever holds a secret adds it here the moment it exists; the runner layer
 * hooks `onAdd` to mask it in the log, and service text is passed through `redact` before it
 * is cut, printed, written to an output or to the summary.
 */
export class Secrets {
  private readonly values = new Set<string>()
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
    for (const l of this.listeners) l(value)
  }

  list(): string[] {
    return [...this.values]
  }

  /** The text with every known secret replaced by `***`, longest first so none leaves a tail. */
  redact(text: string): string {
    let out = text
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(v)) out = out.split(v).join('***')
    }
    return out
  }
}
