import type { Results } from './kernel.js'

/** What a cancelled command answers: Finished with a CommandCancelledException error. */
export function cancelledResults(): Results {
  return {
    resultType: 'error',
    summary: "<span class='ansi-red-fg'>CommandCancelledException</span>: Command was cancelled",
    cause:
      'com.databricks.backend.common.rpc.CommandCancelledException\n\tat com.databricks.spark.chauffeur.ExecContextState.cancel(ExecContextState.scala:412)\n'
  }
}

/** Scala and R: the emulator says plainly that it cannot run them. */
export function unsupported(language: string): Results {
  const name = language === 'r' ? 'R' : language.charAt(0).toUpperCase() + language.slice(1)
  return {
    resultType: 'error',
    summary: `<span class='ansi-red-fg'>UnsupportedOperationException</span>: The Databricks emulator cannot run ${name}: it runs Python and SQL only`,
    cause: `java.lang.UnsupportedOperationException: The Databricks emulator cannot run ${name}: it runs Python and SQL only. Run ${name} on a real cluster.`
  }
}
