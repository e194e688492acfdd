/**
 * Prints the closing line CI reads, "N passed, N failed", counted by Jest itself. It is
 * written at exit so it comes after Jest's own summary, as the very last line.
 */
class CountReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const line = `${results.numPassedTests} passed, ${failed} failed\n`
    process.once('exit', () => process.stdout.write(line))
  }
}
module.exports = CountReporter
