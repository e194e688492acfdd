import type { Document } from 'yaml'
import { InputError } from '../common/errors.js'
import type { Parameters } from '../databricks/parameters.js'

/** A parameter name: what Python, Scala, R and Spark's `:name` markers all accept. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

const HELP =
  'Give a JSON object or a YAML mapping of names to strings, numbers or booleans, e.g. {"branch": ${{ toJSON(github.head_ref) }}}.'

const bad = (why: string): InputError => new InputError(`Invalid input parameters: ${why}`)

type Yaml = typeof import('yaml')

/**
 * Parses the `parameters` input: a JSON object or a YAML mapping (JSON is YAML 1.2, so one
 * parser reads both) of identifier names to scalars. '' means no parameters. Each value is the
 * text the user wrote: a string as it reads after its quotes and escapes, a number or a boolean
 * by its source (`3.10`, `010`, `0x1F`, `1e3`, `True` stay exactly that). A name given twice is
 * an error in either syntax. Throws InputError otherwise.
 */
export async function parseParameters(text: string): Promise<Parameters | undefined> {
  if (!text.trim()) return undefined
  // Loaded only when parameters are given: most runs never pay for the parser.
  const yaml = await import('yaml')
  // Duplicates are found below, by name, so that the error can name the key.
  const doc = yaml.parseDocument(text, { uniqueKeys: false })
  const problem = doc.errors[0]
  if (problem)
    throw bad(
      `it is not valid JSON or YAML (${problem.message.split('\n')[0]?.replace(/:$/, '')}). ${HELP}`
    )
  const root = doc.contents
  if (!yaml.isMap(root))
    throw bad(`expected a mapping of names to values, got ${describe(yaml, doc, root)}. ${HELP}`)
  const params = new Map<string, string>()
  for (const { key, value } of root.items) {
    const name = keyName(yaml, key)
    if (!NAME.test(name))
      throw bad(
        `the name ${JSON.stringify(name)} is not an identifier. Names start with a letter or '_' and hold only letters, digits and '_' (they become Python/Scala/R names and SQL :markers).`
      )
    if (params.has(name))
      throw bad(`the name ${name} is given twice; give each name once (JSON and YAML alike).`)
    params.set(name, scalarText(yaml, doc, name, value))
  }
  return params
}

/** A key as written: a plain `true` or `1` is the name it reads as, not a boolean or number. */
function keyName(yaml: Yaml, key: unknown): string {
  if (key === null || key === undefined) return ''
  if (yaml.isScalar(key)) return typeof key.value === 'string' ? key.value : (key.source ?? '')
  const what = yaml.isSeq(key) ? 'a list' : yaml.isMap(key) ? 'a mapping' : 'an alias'
  throw bad(`a key is ${what}; write names as plain words.`)
}

/**
 * A string as it reads (quotes and escapes resolved); a number or a boolean exactly as written,
 * so no digit is lost or changed. Anything else names its key.
 */
function scalarText(yaml: Yaml, doc: Document, name: string, node: unknown): string {
  const text = written(yaml, yaml.isAlias(node) ? node.resolve(doc) : node)
  if (text === undefined)
    throw bad(
      `${name} is ${describe(yaml, doc, node)}; a value must be a string, a number or a boolean. Quote it, or pass a structure as a JSON string and parse it in the code.`
    )
  if (text.includes('\0'))
    throw bad(
      `${name} holds a NUL character, which R strings and the runner's environment cannot carry.`
    )
  // A lone surrogate cannot be encoded as UTF-8: the code would see U+FFFD instead.
  if (/\p{Cs}/u.test(text))
    throw bad(`${name} holds an unpaired UTF-16 surrogate, which has no UTF-8 form.`)
  return text
}

/** A scalar's text: a string's value, a number's or a boolean's source; else undefined. */
function written(yaml: Yaml, node: unknown): string | undefined {
  if (!yaml.isScalar(node)) return undefined
  const v = node.value
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return node.source ?? String(v)
  return undefined
}

function describe(yaml: Yaml, doc: Document, node: unknown): string {
  const n = yaml.isAlias(node) ? node.resolve(doc) : node
  if (yaml.isSeq(n)) return 'a list'
  if (yaml.isMap(n)) return 'a mapping'
  const v: unknown = yaml.isScalar(n) ? n.value : undefined
  if (typeof v === 'string') return 'a string'
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${written(yaml, n)}`
  return 'null'
}
