import type { CommandSource, Language } from './execution.js'

/**
 * Named values handed to a command as data. Names are identifiers; values are any string
 * (callers reject NUL and lone surrogates, which not every language can hold).
 */
export type Parameters = ReadonlyMap<string, string>

/** One command to execute in the context: its language and its source. */
export interface PlannedCommand {
  language: Language
  source: CommandSource
}

/** What to run so that the user's command sees `params`. */
export interface BoundCommand {
  /** The language to create the context with (SQL with parameters runs in Python). */
  contextLanguage: Language
  /** Defines `params` in the context; run first, and only when parameters were given. */
  prelude?: PlannedCommand
  /** The user's command, as it must be sent. */
  command: PlannedCommand
}

/**
 * Why the values are encoded: the generated code holds them only as base64 (hex for R) inside
 * string literals, so nothing a value holds (quotes, backslashes, newlines, `"""`, `$`) can
 * end a literal early. Each language decodes them at run time, which works on any cluster.
 */
const CHUNK = 1000

/** Long literals are cut into lines: the JVM caps one string constant at 64 KiB. */
function chunks(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK))
  return out.length ? out : ['']
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

/** Python: `params`, a dict of str to str, decoded from base64 JSON. */
export function pythonPrelude(params: Parameters): string {
  const encoded = chunks(b64(JSON.stringify(Object.fromEntries(params))))
    .map(c => `    "${c}"`)
    .join('\n')
  return [
    '# Parameters, passed as data (base64-encoded JSON).',
    'params = __import__("json").loads(__import__("base64").b64decode(',
    encoded,
    ').decode("utf-8"))'
  ].join('\n')
}

/** Scala: `params`, a Map[String, String]. */
export function scalaPrelude(params: Parameters): string {
  const entries = [...params].map(([name, value]) => {
    const parts = chunks(b64(value))
      .map(c => `"${c}"`)
      .join(',\n    ')
    return `  "${name}" -> decode(Seq(\n    ${parts}\n  ).mkString)`
  })
  return [
    '// Parameters, passed as data (base64-encoded UTF-8).',
    'val params: Map[String, String] = {',
    '  def decode(b: String): String =',
    '    new String(java.util.Base64.getDecoder.decode(b), java.nio.charset.StandardCharsets.UTF_8)',
    entries.length ? `  Map(\n${entries.join(',\n')}\n  )` : '  Map.empty[String, String]',
    '}'
  ].join('\n')
}

/** R: `params`, a named list of character values. Base R has no base64, so hex it is. */
export function rPrelude(params: Parameters): string {
  const entries = [...params].map(([name, value]) => {
    const hex = chunks(Buffer.from(value, 'utf8').toString('hex'))
      .map(c => `"${c}"`)
      .join(',\n    ')
    // Backquotes make any identifier a name, `_x` and reserved words included.
    return `  \`${name}\` = .decode(c(\n    ${hex}\n  ))`
  })
  return [
    '# Parameters, passed as data (hex-encoded UTF-8).',
    'params <- local({',
    '  .decode <- function(parts) {',
    '    h <- paste0(parts, collapse = "")',
    '    if (nchar(h) == 0) return("")',
    '    s <- rawToChar(as.raw(strtoi(substring(h, seq(1, nchar(h), 2), seq(2, nchar(h), 2)), 16L)))',
    '    Encoding(s) <- "UTF-8"',
    '    s',
    '  }',
    entries.length ? `  list(\n${entries.join(',\n')}\n  )` : '  list()',
    '})'
  ].join('\n')
}

/**
 * SQL with parameters: the query goes to spark.sql(query, args=params) in Python (Databricks
 * Runtime 13.3 and later), which binds the named markers (:name) as values. display() makes
 * the answer a table result, as a SQL command's would be.
 */
export function sqlThroughPython(query: string): string {
  const encoded = chunks(b64(query))
    .map(c => `    "${c}"`)
    .join('\n')
  return [
    '# The SQL (base64-encoded), with its :name markers bound to params by Spark.',
    'display(spark.sql(__import__("base64").b64decode(',
    encoded,
    ').decode("utf-8"), args=params))'
  ].join('\n')
}

function sourceText(source: CommandSource): string {
  return source.kind === 'inline' ? source.code : source.bytes.toString('utf8')
}

/** Plans the commands that give the user's code its parameters; unchanged without any. */
export function bindParameters(
  language: Language,
  source: CommandSource,
  params: Parameters | undefined
): BoundCommand {
  if (!params) return { contextLanguage: language, command: { language, source } }
  const inline = (lang: Language, code: string): PlannedCommand => ({
    language: lang,
    source: { kind: 'inline', code }
  })
  switch (language) {
    case 'python':
      return {
        contextLanguage: language,
        prelude: inline('python', pythonPrelude(params)),
        command: { language, source }
      }
    case 'scala':
      return {
        contextLanguage: language,
        prelude: inline('scala', scalaPrelude(params)),
        command: { language, source }
      }
    case 'r':
      return {
        contextLanguage: language,
        prelude: inline('r', rPrelude(params)),
        command: { language, source }
      }
    case 'sql':
      return {
        contextLanguage: 'python',
        prelude: inline('python', pythonPrelude(params)),
        command: inline('python', sqlThroughPython(sourceText(source)))
      }
  }
}
