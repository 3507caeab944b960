import { describe, expect, it } from 'vitest'
import { parseChanged } from '../../../electron/vault/changed-records'
import { SettingsDocument } from '../../../electron/vault/settings-document'
import { seededSettings } from '../../support/data-folder-seed'

describe('parsing only the changed records of the settings', () => {
  const previous = seededSettings({ companies: 40 })

  it('gives what a whole parse gives, keeping the untouched records as the same objects', () => {
    const [first, ...rest] = previous.companies
    if (!first) throw new Error('no company')
    const renamed = { ...first, name: 'Nowa nazwa', extra: 'dropped' }
    const next = { ...previous, companies: [renamed, ...rest] }
    const parsed = parseChanged(SettingsDocument, next, previous)
    expect(parsed).toEqual(SettingsDocument.parse(next))
    expect(parsed.companies[0]).not.toHaveProperty('extra')
    expect(parsed.companies[1]).toBe(previous.companies[1])
    expect(parsed.certificates).toBe(previous.certificates)
  })

  it('fills a new record’s defaults, inside auth too', () => {
    const [session] = previous.auth.sessions
    if (!session) throw new Error('no session')
    const { credentialId: _, ...withoutDefault } = session
    const next = {
      ...previous,
      auth: { ...previous.auth, sessions: [...previous.auth.sessions, withoutDefault] },
    }
    const parsed = parseChanged(SettingsDocument, next as SettingsDocument, previous)
    expect(parsed.auth.sessions.at(-1)).toEqual({ ...withoutDefault, credentialId: null })
    expect(parsed.auth.operations).toBe(previous.auth.operations)
  })

  it('refuses a new record the schema refuses, as the whole parse does', () => {
    const [first] = previous.companies
    if (!first) throw new Error('no company')
    const next = { ...previous, companies: [...previous.companies, { ...first, id: 'not-a-uuid' }] }
    expect(() => parseChanged(SettingsDocument, next, previous)).toThrow(/Invalid UUID/)
  })
})
