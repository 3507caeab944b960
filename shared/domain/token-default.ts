import { tokenStatusBarsLogin, type TokenSummary } from './credentials'

/**
 * The token that becomes the company's default when `leaving` (the default) is removed or KSeF
 * revokes it: the newest other one of the same company, environment and context that KSeF still
 * lets log in — never a token of another context. The Dezaktywuj and removal dialogs can name it
 * before main applies it, so both read it here.
 */
export function tokenDefaultHeir(
  tokens: readonly TokenSummary[],
  leaving: TokenSummary,
): TokenSummary | undefined {
  if (!leaving.isDefault) return undefined
  return tokens
    .filter(
      (t) =>
        t.id !== leaving.id &&
        t.companyId === leaving.companyId &&
        t.environment === leaving.environment &&
        t.context.type === leaving.context.type &&
        t.context.value === leaving.context.value &&
        !tokenStatusBarsLogin(t.ksefStatus),
    )
    .reduce<TokenSummary | undefined>(
      (best, t) => (!best || t.addedAt > best.addedAt ? t : best),
      undefined,
    )
}
