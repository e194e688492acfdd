import { InputError, errorMessage } from '../common/errors.js'
import type { Parameters } from '../databricks/parameters.js'

/** A parameter name: what Python, Scala, R and Spark's `:name` markers all accept. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

const HELP =
  'Give a JSON object or a YAML mapping of names to strings, numbers or booleans, e.g. {"branch": ${{ toJSON(github.head_ref) }}}.'

/**
 * Parses the `parameters` input: a JSON object, or else a YAML mapping, of identifier names to
 * scalars, each converted to a string. '' means no parameters. Throws InputError otherwise.
 */
export async function parseParameters(text: string): Promise<Parameters | undefined> {
  if (!text.trim()) return undefined
  const value = parseJson(text) ?? (await parseYaml(text))
  if (!isPlainMapping(value))
    throw new InputError(
      `Invalid input parameters: expected a mapping of names to values, got ${describe(value)}. ${HELP}`
    )
  const params = new Map<string, string>()
  for (const [name, v] of entries(value)) {
    if (!NAME.test(name))
      throw new InputError(
        `Invalid input parameters: the name ${JSON.stringify(name)} is not an identifier. Names start with a letter or '_' and hold only letters, digits and '_' (they become Python/Scala/R names and SQL :markers).`
      )
    params.set(name, scalarText(name, v))
  }
  return params
}

/** JSON first, with no extra code loaded; undefined when the text is not JSON. */
function parseJson(text: string): unknown {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return undefined // perhaps a YAML flow mapping such as {a: 1}
  }
}

/** YAML is loaded only when the input is not JSON, so most runs never pay for the parser. */
async function parseYaml(text: string): Promise<unknown> {
  const { parseDocument } = await import('yaml')
  const doc = parseDocument(text)
  const problem = doc.errors[0]
  if (problem)
    throw new InputError(
      `Invalid input parameters: it is neither JSON nor valid YAML (${problem.message.split('\n')[0]}). ${HELP}`
    )
  try {
    // Maps keep every key as given (even "__proto__"); aliases are bounded by the parser.
    return doc.toJS({ mapAsMap: true }) as unknown
  } catch (e) {
    throw new InputError(`Invalid input parameters: ${errorMessage(e)}. ${HELP}`)
  }
}

function isPlainMapping(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || (typeof v === 'object' && v !== null && !Array.isArray(v))
}

function entries(v: Map<unknown, unknown> | Record<string, unknown>): [string, unknown][] {
  if (!(v instanceof Map)) return Object.entries(v)
  return [...v].map(([k, value]) => {
    if (typeof k !== 'string')
      throw new InputError(
        `Invalid input parameters: the key ${JSON.stringify(String(k))} is not a name (write names as plain words).`
      )
    return [k, value]
  })
}

/** Strings as they are; numbers and booleans as they print. Anything else names its key. */
function scalarText(name: string, v: unknown): string {
  let text: string
  if (typeof v === 'string') text = v
  else if (typeof v === 'boolean') text = String(v)
  else if (typeof v === 'number' && Number.isFinite(v)) {
    // A large integer has already lost digits in the parse; refuse rather than pass a wrong one.
    if (Number.isInteger(v) && !Number.isSafeInteger(v))
      throw new InputError(
        `Invalid input parameters: ${name} is an integer too large to keep exactly (${v}). Quote it, to pass it as a string.`
      )
    text = String(v)
  } else
    throw new InputError(
      `Invalid input parameters: ${name} is ${describe(v)}; a value must be a string, a number or a boolean. Quote it, or pass a structure as a JSON string and parse it in the code.`
    )
  if (text.includes('\0'))
    throw new InputError(
      `Invalid input parameters: ${name} holds a NUL character, which R strings and the runner's environment cannot carry.`
    )
  // A lone surrogate cannot be encoded as UTF-8: the code would see U+FFFD instead.
  if (/\p{Cs}/u.test(text))
    throw new InputError(
      `Invalid input parameters: ${name} holds an unpaired UTF-16 surrogate, which has no UTF-8 form.`
    )
  return text
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (v instanceof Map || typeof v === 'object') return 'a mapping'
  if (typeof v === 'number') return `the number ${v}`
  return `a ${typeof v}`
}
