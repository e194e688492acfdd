/** The credential settings: inputs, their environment fallbacks, and where each value came from. */

/** The credential inputs as the workflow gave them ('' when absent). */
export interface CredentialInputs {
  authType: string
  token: string
  username: string
  password: string
  clientId: string
  clientSecret: string
  tokenAudience: string
  azureClientId: string
  azureClientSecret: string
  azureTenantId: string
  azureWorkspaceResourceId: string
}

/** Each setting: its input and the environment variable it falls back to (the SDKs' names). */
const SETTINGS: Record<keyof CredentialInputs, [input: string, env: string]> = {
  authType: ['auth-type', 'DATABRICKS_AUTH_TYPE'],
  token: ['token', 'DATABRICKS_TOKEN'],
  username: ['username', 'DATABRICKS_USERNAME'],
  password: ['password', 'DATABRICKS_PASSWORD'],
  clientId: ['client-id', 'DATABRICKS_CLIENT_ID'],
  clientSecret: ['client-secret', 'DATABRICKS_CLIENT_SECRET'],
  tokenAudience: ['token-audience', 'DATABRICKS_TOKEN_AUDIENCE'],
  azureClientId: ['azure-client-id', 'ARM_CLIENT_ID'],
  azureClientSecret: ['azure-client-secret', 'ARM_CLIENT_SECRET'],
  azureTenantId: ['azure-tenant-id', 'ARM_TENANT_ID'],
  azureWorkspaceResourceId: ['azure-workspace-resource-id', 'DATABRICKS_AZURE_RESOURCE_ID']
}

/** The input names, for reading them and for action.yml. */
export const CREDENTIAL_INPUTS = Object.fromEntries(
  Object.entries(SETTINGS).map(([k, [input]]) => [k, input])
) as Record<keyof CredentialInputs, string>

/** One value with where it came from, for messages. */
export interface Setting {
  value: string
  from: string
}

/** Each setting's value: the input when given, else its environment variable (trimmed). */
export function resolve(
  raw: CredentialInputs,
  env: NodeJS.ProcessEnv
): Record<keyof CredentialInputs, Setting> {
  const out = {} as Record<keyof CredentialInputs, Setting>
  for (const [k, [input, name]] of Object.entries(SETTINGS) as [
    keyof CredentialInputs,
    [string, string]
  ][]) {
    const given = raw[k]
    // Secrets keep their exact bytes from inputs; from the environment a trailing newline
    // (common when a secret is pasted) is dropped.
    const fromEnv = env[name]?.trim() ?? ''
    out[k] = given ? { value: given, from: `input ${input}` } : { value: fromEnv, from: name }
  }
  return out
}

/** "input client-id (or DATABRICKS_CLIENT_ID)", for messages. */
export function describe(k: keyof CredentialInputs): string {
  const [input, name] = SETTINGS[k]
  return `input ${input} (or ${name})`
}
