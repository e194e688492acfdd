import { runMain } from './action/run-main.js'
import { exitWhenDone } from './runner/exit.js'

await runMain()
exitWhenDone()
