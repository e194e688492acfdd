import { randomUUID } from 'node:crypto'

export interface Credentials {
  token: string
  username: string
  password: string
}

export type AuthOutcome =
  { ok: true } | { ok: false; status: number; body: Record<string, unknown> }

/** Checks a request's Authorization header the way the service does, with its bodies. */
export function checkAuth(
  header: string | undefined,
  creds: Credentials,
  expired: boolean
): AuthOutcome {
  const reqId = randomUUID()
  const unsupported: AuthOutcome = {
    ok: false,
    status: 401,
    body: {
      error_code: 401,
      message: `Credential was not sent or was of an unsupported type for this API. [ReqId: ${reqId}]`
    }
  }
  if (!header) return unsupported
  const [scheme, value = ''] = header.split(/\s+/, 2)
  let valid: boolean
  if (scheme?.toLowerCase() === 'bearer') valid = value === creds.token
  else if (scheme?.toLowerCase() === 'basic') {
    valid = Buffer.from(value, 'base64').toString('utf8') === `${creds.username}:${creds.password}`
  } else {
    return unsupported
  }
  if (!valid)
    return { ok: false, status: 403, body: { error_code: 403, message: 'Invalid access token.' } }
  if (expired)
    return {
      ok: false,
      status: 401,
      body: { error_code: 401, message: `Token is expired. [ReqId: ${reqId}]` }
    }
  return { ok: true }
}
