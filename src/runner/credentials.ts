import type { Logger } from '../common/logger.js'
import type { Clock, Sleep } from '../common/time.js'
import {
  azureCli,
  ProgramMissingError,
  runProgram,
  type RunProgram
} from '../databricks/auth/azure-cli.js'
import { azureClientSecret, githubOidcAzure } from '../databricks/auth/azure.js'
import { githubOidc, oauthM2M } from '../databricks/auth/databricks-oauth.js'
import { BasicAuth, TokenAuth } from '../databricks/auth/static.js'
import type { TokenClient } from '../databricks/auth/token-endpoint.js'
import type { Authenticator, SecretSink } from '../databricks/auth/types.js'
import type { HttpTransport } from '../databricks/transport.js'
import type { CredentialInputs, CredentialPlan } from './auth-choice.js'
import { githubIdTokens } from './id-token.js'

/** Said once per run with basic: the method still works for accounts that allow it. */
export const BASIC_RETIRED =
  'auth-type basic: Databricks retired password sign-in for workspace users on 10 July 2024; it works only where the workspace still accepts it. Use a service principal instead: oauth-m2m (client-id, client-secret), or github-oidc with no secret at all.'

/** Every configured secret into the registry, before any check could print one. */
export function registerConfiguredSecrets(
  raw: CredentialInputs,
  env: NodeJS.ProcessEnv,
  secrets: SecretSink
): void {
  for (const v of [
    raw.token,
    raw.password,
    raw.clientSecret,
    raw.azureClientSecret,
    env.DATABRICKS_TOKEN,
    env.DATABRICKS_PASSWORD,
    env.DATABRICKS_CLIENT_SECRET,
    env.ARM_CLIENT_SECRET,
    env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  ]) {
    secrets.add(v)
    secrets.add(v?.trim())
  }
}

export interface CredentialDeps {
  transport: HttpTransport
  clock: Clock
  sleep: Sleep
  logger: Logger
  secrets: SecretSink
  env: NodeJS.ProcessEnv
  requestTimeoutMs: number
  /** Runs `az`; tests inject a fake. */
  run?: RunProgram
}

/** The authenticator for a checked plan. Nothing is called yet: tokens are minted on first use. */
export function createAuthenticator(
  host: string,
  plan: CredentialPlan,
  d: CredentialDeps
): Authenticator {
  const c: TokenClient = {
    transport: d.transport,
    clock: d.clock,
    sleep: d.sleep,
    logger: d.logger,
    secrets: d.secrets,
    requestTimeoutMs: d.requestTimeoutMs
  }
  const idToken = () => githubIdTokens({ ...d, env: d.env })
  switch (plan.type) {
    case 'pat':
      return new TokenAuth(plan.token, d.secrets)
    case 'basic':
      return new BasicAuth(plan.username, plan.password, d.secrets)
    case 'oauth-m2m':
      return oauthM2M(c, { host, ...plan })
    case 'github-oidc':
      return githubOidc(c, { host, ...plan, idToken: idToken() })
    case 'azure-client-secret':
      return azureClientSecret(c, { host, ...plan })
    case 'github-oidc-azure':
      return githubOidcAzure(c, { host, ...plan, idToken: idToken() })
    case 'azure-cli':
      return azureCli(c, { run: withSignInAdvice(d.run ?? runProgram), ...plan })
  }
}

/** How a job gets `az` signed in, said where the client leaves it to its caller. */
export const AZ_SIGN_IN =
  'install it, or sign in with the azure/login action in an earlier step of the job (GitHub-hosted runners have az installed)'

/** Adds the job's way to sign `az` in to the client's "not on PATH". */
export function withSignInAdvice(run: RunProgram): RunProgram {
  return (file, args, o) =>
    run(file, args, o).catch((e: unknown) => {
      if (e instanceof ProgramMissingError)
        throw new ProgramMissingError(`${e.message}: ${AZ_SIGN_IN}`, { cause: e })
      throw e
    })
}
