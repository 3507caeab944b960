import { z } from 'zod'

/** The three KSeF environments. Credentials of one never work in another. */
export const Environment = z.enum(['Test', 'Demo', 'Production'])
export type Environment = z.infer<typeof Environment>

export const environments = Environment.options

export const defaultApiBaseUrl: Record<Environment, string> = {
  Test: 'https://api-test.ksef.mf.gov.pl/v2',
  Demo: 'https://api-demo.ksef.mf.gov.pl/v2',
  Production: 'https://api.ksef.mf.gov.pl/v2',
}
