import { describe, expect, it } from 'vitest'
import { enrollmentSession } from '../../../shared/domain/enrollment-session'
import { expiryWarning } from '../../../shared/domain/expiry'

const day = 86_400_000
const now = Date.parse('2026-12-02T08:00:00.000Z')
const endingIn = (days: number) => new Date(now + days * day + 1000).toISOString()

describe('expiryWarning', () => {
  it('warns at 60, 30 and 7 days, each step more urgent', () => {
    expect(expiryWarning(endingIn(90), now)).toBeNull()
    expect(expiryWarning(endingIn(60), now)).toBeNull()
    expect(expiryWarning(endingIn(59), now)).toEqual({ level: 60, daysLeft: 59 })
    expect(expiryWarning(endingIn(29), now)).toEqual({ level: 30, daysLeft: 29 })
    expect(expiryWarning(endingIn(6), now)).toEqual({ level: 7, daysLeft: 6 })
    expect(expiryWarning(endingIn(0), now)).toEqual({ level: 7, daysLeft: 0 })
    expect(expiryWarning(new Date(now).toISOString(), now)).toEqual({ level: 'expired' })
  })
})

describe('enrollmentSession', () => {
  const session = {
    referenceNumber: 'ref',
    startedAt: '2026-12-02T08:00:00.000Z',
    accessTokenValidUntil: '2026-12-02T08:15:00.000Z',
    refreshTokenValidUntil: '2026-12-09T08:00:00.000Z',
  }
  it('enrolls only in a session obtained by a signature', () => {
    expect(enrollmentSession(null)).toBe('none')
    expect(enrollmentSession({ ...session, method: 'token' })).toBe('token')
    expect(enrollmentSession({ ...session, method: 'certificate' })).toBe('signature')
    expect(enrollmentSession({ ...session, method: 'signedRequest' })).toBe('signature')
  })
})
