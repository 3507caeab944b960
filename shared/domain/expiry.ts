/** A credential this close to its end is flagged, so the office renews it before logins fail. */
export const expiryWarningDays = 30

export type ExpiryState =
  | { state: 'valid'; daysLeft: number }
  | { state: 'expiring'; daysLeft: number }
  | { state: 'expired' }

export function expiryState(validTo: string, now: number): ExpiryState {
  const left = Date.parse(validTo) - now
  if (left <= 0) return { state: 'expired' }
  const daysLeft = Math.floor(left / 86_400_000)
  return daysLeft < expiryWarningDays
    ? { state: 'expiring', daysLeft }
    : { state: 'valid', daysLeft }
}

/** The days before the end at which a certificate row warns, each more urgently. */
export const certificateExpirySteps = [60, 30, 7] as const

export type ExpiryWarning =
  { level: 'expired' } | { level: (typeof certificateExpirySteps)[number]; daysLeft: number }

/** The most urgent step of `certificateExpirySteps` reached, or null while the end is far. */
export function expiryWarning(validTo: string, now: number): ExpiryWarning | null {
  const left = Date.parse(validTo) - now
  if (left <= 0) return { level: 'expired' }
  const daysLeft = Math.floor(left / 86_400_000)
  const level = [...certificateExpirySteps].reverse().find((step) => daysLeft < step)
  return level === undefined ? null : { level, daysLeft }
}
