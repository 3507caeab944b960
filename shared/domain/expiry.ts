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
