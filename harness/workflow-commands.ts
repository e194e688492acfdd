/** One `::name props::value` workflow command found in a step's log. */
export interface WorkflowCommand {
  name: string
  props: Record<string, string>
  value: string
}

const COMMAND = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/
const LEGACY = /##\[([A-Za-z-]+)(?: ([^\]]*))?\](.*)$/

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProp(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

/**
 * Reads a step's log as the runner does: executes workflow commands (honouring
 * `::stop-commands::`), collects masks from `::add-mask::`, and renders the visible log with
 * every secret registered *before* a line replaced by `***` in that line.
 */
export class LogReader {
  readonly commands: WorkflowCommand[] = []
  readonly masks: string[] = []
  readonly visible: string[] = []
  private stopToken: string | undefined

  constructor(private readonly debugEnabled = false) {}

  line(raw: string): void {
    const line = raw.replace(/\r$/, '')
    if (this.stopToken !== undefined) {
      if (line === `::${this.stopToken}::`) this.stopToken = undefined
      else this.show(line)
      return
    }
    // The runner trims leading blanks before looking for `::`; failing that, it takes the
    // older `##[name props]value` form anywhere in a line.
    const m = COMMAND.exec(line.trimStart())
    const legacy = m ? null : LEGACY.exec(line)
    if (legacy) {
      const [, name = '', , value = ''] = legacy
      this.commands.push({ name, props: {}, value })
      if (name === 'add-mask' && value.trim()) this.masks.push(value)
      return this.show(line)
    }
    if (!m) return this.show(line)
    const [, name = '', propText = '', value = ''] = m
    const props: Record<string, string> = {}
    for (const pair of propText.split(',').filter(Boolean)) {
      const i = pair.indexOf('=')
      if (i > 0) props[pair.slice(0, i)] = unescapeProp(pair.slice(i + 1))
    }
    const cmd = { name, props, value: unescapeData(value) }
    this.commands.push(cmd)
    if (name === 'add-mask') {
      if (cmd.value.trim()) this.masks.push(cmd.value)
      return
    }
    if (name === 'stop-commands') {
      this.stopToken = cmd.value
      return
    }
    // Debug lines show only when the repository enables step debug logging.
    if (name === 'debug') return this.debugEnabled ? this.show(`##[debug]${cmd.value}`) : undefined
    if (name === 'error' || name === 'warning' || name === 'notice') {
      this.show(`##[${name}]${cmd.value}`)
      return
    }
    if (name === 'group') return this.show(`##[group]${cmd.value}`)
    if (name === 'endgroup') return this.show('##[endgroup]')
    this.show(line)
  }

  /** The runner masks every line, including each line of a multi-line command value. */
  private show(text: string): void {
    let out = text
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.masks].sort((a, b) => b.length - a.length))
      out = out.split(secret).join('***')
    this.visible.push(out)
  }
}

/** Parses a GITHUB_OUTPUT / GITHUB_STATE file: `name<<delimiter` blocks and `name=value` lines. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
      out[name] = value.join('\n')
    } else if (line.includes('=')) {
      const j = line.indexOf('=')
      out[line.slice(0, j)] = line.slice(j + 1)
    }
  }
  return out
}
