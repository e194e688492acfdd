/** The AzureDatabricks application: the resource of every Azure Databricks token, in every cloud. */
export const AZURE_DATABRICKS_APP = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'

/** Where an Azure workspace's principals sign in, and the management resource there. */
export interface AzureCloud {
  /** Entra sign-in origin, e.g. https://login.microsoftonline.com. */
  login: string
  /** The service-management resource, e.g. https://management.core.windows.net/. */
  management: string
}

const CLOUDS: [suffix: string, cloud: AzureCloud][] = [
  [
    '.azuredatabricks.net',
    {
      login: 'https://login.microsoftonline.com',
      management: 'https://management.core.windows.net/'
    }
  ],
  [
    '.databricks.azure.us',
    {
      login: 'https://login.microsoftonline.us',
      management: 'https://management.core.usgovcloudapi.net/'
    }
  ],
  [
    '.databricks.azure.cn',
    {
      login: 'https://login.chinacloudapi.cn',
      management: 'https://management.core.chinacloudapi.cn/'
    }
  ]
]

/** The cloud of a workspace host name, by its domain; undefined for any other host. */
export function azureCloudOf(hostname: string): AzureCloud | undefined {
  const h = hostname.toLowerCase()
  return CLOUDS.find(([suffix]) => h.endsWith(suffix))?.[1]
}

/** Every Azure workspace domain, for messages. */
export const AZURE_DOMAINS = CLOUDS.map(([suffix]) => suffix)
