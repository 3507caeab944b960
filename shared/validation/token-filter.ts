// KSeF searches tokens by description or author from 3 characters (GET /tokens, minLength 3).

export const tokenFilterMinLength = 3

/** A filter text KSeF would refuse: typed, but shorter than it searches (spaces do not count). */
export const tokenFilterTooShort = (text: string): boolean => {
  const length = text.trim().length
  return length > 0 && length < tokenFilterMinLength
}
