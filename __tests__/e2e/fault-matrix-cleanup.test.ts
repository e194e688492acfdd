import { describe, it } from '@jest/globals'
import { Emulator, useEmulator } from '../support/e2e.js'
import { cases, ENDPOINTS, runFaultCase } from '../support/fault-matrix.js'

let emu: Emulator
useEmulator(e => (emu = e))

describe('fault matrix: command polling, cancel, and destroy in the post step', () => {
  it.each(cases(ENDPOINTS.filter(e => ['wait', 'timeout-cancel', 'post'].includes(e.phase))))(
    '%s',
    (_name, endpoint, fault) => runFaultCase(emu, endpoint, fault)
  )
})
