import { chmodSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileLogger } from '../../../electron/log'
import { folderEachTestUnderUmask022 } from '../../support/temp-folder'

describe('main.log', () => {
  const folder = folderEachTestUnderUmask022()
  const path = () => join(folder.path, 'logs', 'main.log')
  const lines = () =>
    readFileSync(path(), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)

  it('keeps the event name when a field is called "message", and keeps that field too', () => {
    const log = fileLogger(path(), () => Date.parse('2026-11-21T09:00:00.000Z'))
    log.error('data file problem', { code: 'SETTINGS_CORRUPT', message: 'not valid JSON' })
    expect(lines()).toEqual([
      {
        time: '2026-11-21T09:00:00.000Z',
        level: 'error',
        message: 'data file problem',
        code: 'SETTINGS_CORRUPT',
        'field.message': 'not valid JSON',
      },
    ])
  })

  it('cannot have its time or level replaced by a field', () => {
    const log = fileLogger(path(), () => Date.parse('2026-11-21T09:00:00.000Z'))
    log.info('started', { time: 'forged', level: 'error' })
    expect(lines()[0]).toMatchObject({
      time: '2026-11-21T09:00:00.000Z',
      level: 'info',
      'field.time': 'forged',
      'field.level': 'error',
    })
  })

  it('is readable by its owner only, under a umask of 022, even when it existed wider', () => {
    mkdirSync(join(folder.path, 'logs'), { mode: 0o755 })
    writeFileSync(path(), '')
    chmodSync(path(), 0o644)
    fileLogger(path()).info('started')
    expect(statSync(path()).mode & 0o777).toBe(0o600)
    expect(statSync(join(folder.path, 'logs')).mode & 0o777).toBe(0o700)
  })

  it('creates a new log 0600 in a 0700 folder', () => {
    fileLogger(path()).info('started')
    expect(statSync(path()).mode & 0o777).toBe(0o600)
    expect(statSync(join(folder.path, 'logs')).mode & 0o777).toBe(0o700)
  })
})
