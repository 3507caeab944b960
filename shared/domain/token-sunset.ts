/**
 * KSeF tokens are allowed until 31 December 2026 (regulation of 12.12.2025, Dz. U. 2025 poz. 1815,
 * §13(1)(1)); after that only certificates log in. Warsaw midnight, 1 January 2027 = 23:00 UTC.
 */
export const ksefTokenSunset = Date.parse('2026-12-31T23:00:00Z')

export const ksefTokensAllowed = (now: number): boolean => now < ksefTokenSunset

/**
 * Whether tokens may be generated and used now: until the sunset, or after it when the user
 * turned tokens back on (the regulation was extended).
 */
export const tokenPolicy = (now: number, allowAfterSunset: boolean) => {
  const afterSunset = !ksefTokensAllowed(now)
  return {
    allowed: !afterSunset || allowAfterSunset,
    afterSunset,
    allowAfterSunset,
    sunsetAt: new Date(ksefTokenSunset).toISOString(),
  }
}
