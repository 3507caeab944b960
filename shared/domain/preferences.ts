import { z } from 'zod'

export const Language = z.enum(['pl', 'en'])
export type Language = z.infer<typeof Language>

export const Preferences = z.object({
  language: Language,
})
export type Preferences = z.infer<typeof Preferences>

export const defaultPreferences: Preferences = { language: 'pl' }
