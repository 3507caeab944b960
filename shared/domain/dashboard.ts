import { z } from 'zod'
import { CompanyIdentifier, Id } from './company'
import { companySearch } from './company-search'
import { certificateExpirySteps } from './expiry'
import { Environment } from './environment'

// The Pulpit: one row per company with the health of what logs it in, the tiles that count the
// rows needing attention, and the credentials running out month by month. Main builds the rows
// (electron/dashboard); the window and `ksef-desk overview` filter them with the same functions.

export const dayMs = 86_400_000

/** Whole days from now until `at`, as the certificate list counts them; negative once it passed. */
export const daysUntil = (at: string, now: number): number =>
  Math.floor((Date.parse(at) - now) / dayMs)

/** What logs the company in (shared/domain/login-credential.ts decides). */
export const DashboardCredentialKind = z.enum(['certificate', 'identity', 'token', 'none'])
export type DashboardCredentialKind = z.infer<typeof DashboardCredentialKind>

export const DashboardCredential = z.object({
  kind: DashboardCredentialKind,
  /** The certificate's or the identity's name, or the token's description (the token never). */
  label: z.string().nullable(),
  /** Whom the certificate or the identity names (its subject); null for a token or none. */
  subject: z.string().nullable(),
  /** When it stops logging in: the certificate's end, the end of tokens; null when unknown. */
  expiresAt: z.iso.datetime().nullable(),
  daysLeft: z.number().int().nullable(),
})
export type DashboardCredential = z.infer<typeof DashboardCredential>

/** The kinds of KSeF code shared/ksef/codes.ts explains. */
export const KsefCodeKindSchema = z.enum([
  'exception',
  'authStatus',
  'enrollmentStatus',
  'http',
  'forbiddenReason',
])

/** The company's last login attempt or Sprawdź token, whichever came later. */
export const LastActivity = z.object({
  kind: z.enum(['login', 'tokenCheck']),
  at: z.iso.datetime(),
  result: z.enum(['ok', 'failed', 'pending']),
  /** KSeF's code for it (an authentication status, an exception code), to be explained. */
  ksef: z.object({ kind: KsefCodeKindSchema, code: z.string() }).nullable(),
  /** The app's error code when it failed before KSeF gave a status. */
  errorCode: z.string().nullable(),
})
export type LastActivity = z.infer<typeof LastActivity>

export const DashboardRow = z.object({
  companyId: Id,
  name: z.string(),
  identifier: CompanyIdentifier,
  environment: Environment,
  credential: DashboardCredential,
  /** Days until KSeF tokens end, for a company that keeps a default token; null otherwise. */
  tokenSunsetDays: z.number().int().nullable(),
  last: LastActivity.nullable(),
  /** Logged in now: the session can be extended until then. */
  sessionUntil: z.iso.datetime().nullable(),
})
export type DashboardRow = z.infer<typeof DashboardRow>

/** The tiles of the Pulpit, each a filter of the rows. */
export const DashboardTile = z.enum([
  'expiring60',
  'expiring30',
  'expiring7',
  'failing',
  'tokenOnly',
  'noCredential',
  'production',
])
export type DashboardTile = z.infer<typeof DashboardTile>
export const dashboardTiles = DashboardTile.options

const expiringWithin: Record<'expiring60' | 'expiring30' | 'expiring7', number> = {
  expiring60: certificateExpirySteps[0],
  expiring30: certificateExpirySteps[1],
  expiring7: certificateExpirySteps[2],
}

/** Whether the row belongs to the tile. "Within N days" counts as the certificate list warns: days left < N. */
export function inTile(row: DashboardRow, tile: DashboardTile): boolean {
  switch (tile) {
    case 'expiring60':
    case 'expiring30':
    case 'expiring7':
      return row.credential.daysLeft !== null && row.credential.daysLeft < expiringWithin[tile]
    case 'failing':
      return row.last?.result === 'failed'
    case 'tokenOnly':
      return row.credential.kind === 'token'
    case 'noCredential':
      return row.credential.kind === 'none'
    case 'production':
      return row.environment === 'Production'
  }
}

export const DashboardTileCounts = z.record(DashboardTile, z.number().int())
export type DashboardTileCounts = z.infer<typeof DashboardTileCounts>

export function tileCounts(rows: readonly DashboardRow[]): DashboardTileCounts {
  const counts = Object.fromEntries(dashboardTiles.map((tile) => [tile, 0])) as DashboardTileCounts
  for (const row of rows) for (const tile of dashboardTiles) if (inTile(row, tile)) counts[tile]++
  return counts
}

/**
 * What the Pulpit shows: all rows, or a tile's; then those matching the search (name or
 * identifier). Each name is folded once, so a keystroke of the search compares strings only.
 */
export function dashboardSearch(
  rows: readonly DashboardRow[],
): (tile: DashboardTile | null, query: string) => DashboardRow[] {
  const search = companySearch(rows)
  return (tile, query) => search(query).filter((row) => tile === null || inTile(row, tile))
}

export const dashboardFilter = (
  rows: readonly DashboardRow[],
  tile: DashboardTile | null,
  query = '',
): DashboardRow[] => dashboardSearch(rows)(tile, query)

export const ExpiryMonth = z.object({
  /** YYYY-MM, in Polish time. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  count: z.number().int(),
})
export type ExpiryMonth = z.infer<typeof ExpiryMonth>

export const expiryMonthsShown = 12

const warsawMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
})

/** YYYY-MM of a moment, in Polish time. */
export function monthOf(time: number): string {
  const parts = warsawMonth.formatToParts(new Date(time))
  const part = (type: string) => parts.find((each) => each.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}`
}

function nextMonth(month: string): string {
  const [year = 0, number = 1] = month.split('-').map(Number)
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`
}

/**
 * The credentials that log the companies in, counted by the month they run out in, for this month
 * and the 11 after it. A credential counts in the month of its last valid moment: tokens end at
 * Warsaw midnight of 1 January 2027, so in December 2026.
 */
export function expiryMonths(rows: readonly DashboardRow[], now: number): ExpiryMonth[] {
  const months: string[] = [monthOf(now)]
  while (months.length < expiryMonthsShown) months.push(nextMonth(months.at(-1) ?? ''))
  const counts = new Map(months.map((month) => [month, 0]))
  for (const row of rows) {
    const { expiresAt } = row.credential
    if (expiresAt === null || Date.parse(expiresAt) <= now) continue
    const month = monthOf(Date.parse(expiresAt) - 1)
    const count = counts.get(month)
    if (count !== undefined) counts.set(month, count + 1)
  }
  return months.map((month) => ({ month, count: counts.get(month) ?? 0 }))
}

export const DashboardView = z.object({
  /** The moment the days were counted at (main's clock). */
  at: z.iso.datetime(),
  rows: z.array(DashboardRow),
  tiles: DashboardTileCounts,
  months: z.array(ExpiryMonth),
})
export type DashboardView = z.infer<typeof DashboardView>
