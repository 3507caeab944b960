import { z } from 'zod'

export const Language = z.enum(['pl', 'en'])
export type Language = z.infer<typeof Language>

export const Preferences = z.object({
  language: Language,
  /** KSeF tokens stay on after 31 December 2026 (only if the regulation is extended). */
  tokensAfter2026: z.boolean().default(false),
})
export type Preferences = z.infer<typeof Preferences>

export const defaultPreferences: Preferences = { language: 'pl', tokensAfter2026: false }
