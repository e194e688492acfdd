import { describe, it } from '@jest/globals'
import { Emulator, useEmulator } from '../support/e2e.js'
import { cases, ENDPOINTS, runFaultCase } from '../support/fault-matrix.js'

let emu: Emulator
useEmulator(e => (emu = e))

describe('fault matrix: cluster check, context create and wait, execute', () => {
  it.each(cases(ENDPOINTS.filter(e => e.phase === 'setup')))('%s', (_name, endpoint, fault) =>
    runFaultCase(emu, endpoint, fault)
  )
})
