// KSeF rules for a token's description (GenerateTokenRequest.description): 5–256 characters.

export const tokenDescriptionMinLength = 5
export const tokenDescriptionMaxLength = 256

export type TokenDescriptionRule = 'tooShort' | 'tooLong'

/**
 * Characters as KSeF counts them: UTF-16 code units, as its .NET validation does. A Polish letter
 * is one; an emoji outside the basic plane is two, so it is counted so here too.
 */
export const tokenDescriptionLength = (description: string): number => description.length

/** The rule a description breaks, or null when KSeF accepts it. */
export function brokenTokenDescriptionRule(description: string): TokenDescriptionRule | null {
  const length = tokenDescriptionLength(description)
  if (length < tokenDescriptionMinLength) return 'tooShort'
  if (length > tokenDescriptionMaxLength) return 'tooLong'
  return null
}
