import { describe, expect, it } from 'vitest'
import { ksefApiUrlOverride } from '../../../electron/ksef-api-url'

describe('KSEF_DESK_API_URL in the desktop app', () => {
  it('is honoured by a development build', () => {
    expect(ksefApiUrlOverride('http://127.0.0.1:8080/v2', false)).toBe('http://127.0.0.1:8080/v2')
    expect(ksefApiUrlOverride(' https://sim.example/v2 ', false)).toBe('https://sim.example/v2')
  })

  it('is ignored by a packaged app, so nothing on the machine can redirect its logins', () => {
    expect(ksefApiUrlOverride('http://127.0.0.1:8080/v2', true)).toBeUndefined()
    expect(ksefApiUrlOverride('https://api.ksef.mf.gov.pl/v2', true)).toBeUndefined()
  })

  it.each(['file:///etc/passwd', 'ftp://host/v2', 'javascript:alert(1)', 'not a url', '', '  '])(
    'refuses %j',
    (value) => {
      expect(ksefApiUrlOverride(value, false)).toBeUndefined()
    },
  )

  it('is absent when the variable is not set', () => {
    expect(ksefApiUrlOverride(undefined, false)).toBeUndefined()
  })
})
