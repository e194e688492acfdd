import { InputError } from '../common/errors.js'
import { BasicAuth, TokenAuth, type Authenticator } from '../databricks/auth.js'
import type { RawInputs } from './raw-inputs.js'

/** Where to connect and as whom: the host and credential inputs, with their env fallbacks. */

const HOST_EXAMPLE = 'https://adb-1234567890123456.7.azuredatabricks.net'

/** The workspace origin: https added when missing, http refused, paths and queries dropped. */
export function parseHost(value: string): string {
  if (!value)
    throw new InputError(
      `Input host is required: set it to your workspace URL, e.g. ${HOST_EXAMPLE}, or set DATABRICKS_HOST.`
    )
  if (/^http:\/\//i.test(value))
    throw new InputError(
      `Invalid input host '${value}': http is refused because the token would travel unencrypted. Use https://${value.slice(7)}.`
    )
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new InputError(
      `Invalid input host '${value}': not a URL. Expected the workspace URL, e.g. ${HOST_EXAMPLE}.`
    )
  }
  if (url.protocol !== 'https:')
    throw new InputError(
      `Invalid input host '${value}': only https:// workspace URLs are supported, e.g. ${HOST_EXAMPLE}.`
    )
  if (
    !/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/i.test(
      url.hostname
    ) ||
    url.username ||
    url.password
  ) {
    throw new InputError(
      `Invalid input host '${value}': '${url.hostname}' is not a host name. Expected the workspace URL, e.g. ${HOST_EXAMPLE}.`
    )
  }
  return url.origin
}

/**
 * Exactly one way of authenticating. Inputs win over the environment, and the two are never
 * mixed, so a stray DATABRICKS_TOKEN cannot quietly override the username the user gave.
 */
export function parseAuth(raw: RawInputs, env: NodeJS.ProcessEnv): Authenticator {
  const fromInputs = raw.token || raw.username || raw.password
  const token = fromInputs ? raw.token : env.DATABRICKS_TOKEN?.trim() || ''
  const username = fromInputs ? raw.username : env.DATABRICKS_USERNAME?.trim() || ''
  const password = fromInputs ? raw.password : env.DATABRICKS_PASSWORD || ''
  const where = fromInputs
    ? 'inputs'
    : 'environment variables DATABRICKS_TOKEN / DATABRICKS_USERNAME / DATABRICKS_PASSWORD'
  if (token && (username || password))
    throw new InputError(
      `Two ways of authenticating were configured in the ${where}: a token and a user name/password. Set only one: token, or username with password.`
    )
  if (token) return new TokenAuth(token)
  if (username && !password)
    throw new InputError(
      'Input username was given without password: set both for HTTP Basic, or use token instead.'
    )
  if (password && !username)
    throw new InputError(
      'Input password was given without username: set both for HTTP Basic, or use token instead.'
    )
  if (username) return new BasicAuth(username, password)
  throw new InputError(
    'No credentials: set the token input (e.g. token: ${{ secrets.DATABRICKS_TOKEN }}), or username and password, or DATABRICKS_TOKEN in the environment.'
  )
}
