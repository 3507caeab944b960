import { z } from 'zod'
import { Id } from './company'
import { TokenCheck } from './credentials'

/** What the company list shows at a glance for each company (the office with 300 clients). */
export const CompanyStatus = z.object({
  companyId: Id,
  /** Logged in: the session can be extended (its refresh token lives) until then. */
  sessionRefreshableUntil: z.iso.datetime().nullable(),
  /** The default Authentication certificate's end of validity, when there is one. */
  certificateValidTo: z.iso.datetime().nullable(),
  hasToken: z.boolean(),
  /** The last login's KSeF status when it failed (415, 450 …), until a login succeeds. */
  lastFailureStatus: z.number().int().nullable(),
  /**
   * Sprawdź token of the default token failed last time (a token whose author lost permissions
   * stays Active in KSeF but no longer logs in): what it found, until a check succeeds.
   */
  tokenCheckFailure: TokenCheck.nullable(),
  /** Certificates or tokens are stored, or it is logged in: NIP and environment cannot change. */
  contextLocked: z.boolean().default(false),
})
export type CompanyStatus = z.infer<typeof CompanyStatus>

/** Logged in now: there is a session whose refresh token still lives. */
export const isLoggedIn = (status: CompanyStatus, now: number): boolean =>
  status.sessionRefreshableUntil !== null && Date.parse(status.sessionRefreshableUntil) > now

/** What main pushes when statuses change (companies:statusChanged). */
export interface StatusChanges {
  statuses: readonly CompanyStatus[]
  removed: readonly string[]
}

/** The statuses with the changes applied; untouched companies keep their objects, so their rows do not re-render. */
export function mergeStatuses(
  statuses: Record<string, CompanyStatus>,
  changes: StatusChanges,
): Record<string, CompanyStatus> {
  const merged = { ...statuses }
  for (const status of changes.statuses) merged[status.companyId] = status
  for (const id of changes.removed) delete merged[id]
  return merged
}
