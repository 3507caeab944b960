// Writes electron/ksef/rate-limit-table.ts from the contract's `x-rate-limits`, so main knows
// KSeF's limits without carrying the whole contract: npm run generate:rate-limits
// test/unit/ksef/rate-limit-table.test.ts fails when the table and the contract part ways.
import { readFileSync, writeFileSync } from 'node:fs'
import { rateLimitTableOf, rateLimitTableSource } from '../electron/ksef/rate-limit-contract'

const contract: unknown = JSON.parse(readFileSync('ksef-contract/openapi.json', 'utf8'))
writeFileSync('electron/ksef/rate-limit-table.ts', rateLimitTableSource(rateLimitTableOf(contract)))
