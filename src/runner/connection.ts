import { InputError } from '../common/errors.js'
import type { SecretSink } from '../databricks/auth/types.js'

/** Where to connect: the host input, with its env fallback (credentials: auth-choice.ts). */

const HOST_EXAMPLE = 'https://adb-1234567890123456.7.azuredatabricks.net'

/** The workspace origin: https added when missing, http refused, paths and queries dropped. */
export function parseHost(value: string): string {
  if (!value)
    throw new InputError(
      `Input host is required: set it to your workspace URL, e.g. ${HOST_EXAMPLE}, or set DATABRICKS_HOST.`
    )
  const userinfo = hostUserinfo(value)
  if (userinfo !== undefined)
    throw new InputError(
      `Invalid input host '${value.replace(`${userinfo}@`, '***@')}': it holds credentials (user:password@), which would be logged and sent along. Remove them from the URL and pass the credentials from a secret instead (token, or the auth-type inputs).`
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

/** The `user:password` part of a URL-like value, when it has one. */
export function hostUserinfo(value: string): string | undefined {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)@/i.exec(value)?.[1]
}

/**
 * Credentials pasted into a host URL (`https://user:password@host`) are secrets too: registered
 * before the host is checked, so the refusal and everything after it print them as `***`.
 */
export function registerHostSecrets(hosts: (string | undefined)[], secrets: SecretSink): void {
  for (const host of hosts) {
    const userinfo = host ? hostUserinfo(host.trim()) : undefined
    if (!userinfo) continue
    secrets.add(userinfo)
    if (!userinfo.includes(':')) continue
    const password = userinfo.slice(userinfo.indexOf(':') + 1)
    secrets.add(password)
    try {
      secrets.add(decodeURIComponent(password))
    } catch {
      // not URL-encoded: the raw form is registered
    }
  }
}
