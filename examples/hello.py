# An example job run by `npm run demo` through the action's `file` input.
import platform
import statistics

samples = [3.2, 4.8, 5.1, 2.9, 4.4]
print(f"Python {platform.python_version()} says hello from the emulated cluster")
print(f"mean={statistics.mean(samples):.2f} stdev={statistics.stdev(samples):.2f}")
dbutils.notebook.exit(f"{len(samples)} samples processed")
