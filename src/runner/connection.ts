import { InputError } from '../common/errors.js'

/** Where to connect: the host input, with its env fallback (credentials: auth-choice.ts). */

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
