import type { ContextIdentifier, SubjectIdentifier } from './identifiers'
import { contextKey, sameSubject } from './identifiers'
import type { SimulatorState, TokenPermission } from './state'
import { TOKEN_PERMISSIONS } from './state'

/**
 * What the owner of a NIP may do in its own context. EnforcementOperations is left out: it
 * belongs to enforcement authorities and bailiffs (POST /testdata/person isBailiff).
 */
export const OWNER_PERMISSIONS: readonly TokenPermission[] = TOKEN_PERMISSIONS.filter(
  (permission) => permission !== 'EnforcementOperations',
)

/** The NIP a subject speaks for directly: its own, or the one its PESEL is linked to. */
function ownedNip(state: SimulatorState, subject: SubjectIdentifier): string | undefined {
  if (subject.type === 'Nip') return subject.value
  if (subject.type === 'Pesel') return state.persons.get(subject.value)?.nip
  return undefined
}

/**
 * KSeF: a subject whose NIP is the context NIP is its owner; everyone else needs a grant.
 * Only `Nip` contexts have an automatic owner here; other context types need a grant.
 */
export function permissionsInContext(
  state: SimulatorState,
  subject: SubjectIdentifier,
  context: ContextIdentifier,
): TokenPermission[] {
  const result = new Set<TokenPermission>()
  if (context.type === 'Nip' && ownedNip(state, subject) === context.value) {
    for (const permission of OWNER_PERMISSIONS) result.add(permission)
    if (subject.type === 'Pesel' && state.persons.get(subject.value)?.isBailiff) {
      result.add('EnforcementOperations')
    }
  }
  const key = contextKey(context)
  for (const grant of state.grants) {
    if (contextKey(grant.context) === key && sameSubject(grant.subject, subject)) {
      for (const permission of grant.permissions) result.add(permission)
    }
  }
  return TOKEN_PERMISSIONS.filter((permission) => result.has(permission))
}

export function grantPermissions(
  state: SimulatorState,
  context: ContextIdentifier,
  subject: SubjectIdentifier,
  permissions: readonly TokenPermission[],
): void {
  const existing = state.grants.find(
    (grant) =>
      contextKey(grant.context) === contextKey(context) && sameSubject(grant.subject, subject),
  )
  if (existing) {
    existing.permissions = [...new Set([...existing.permissions, ...permissions])]
  } else {
    state.grants.push({ context, subject, permissions: [...new Set(permissions)] })
  }
}

export function revokePermissions(
  state: SimulatorState,
  context: ContextIdentifier,
  subject: SubjectIdentifier,
  permissions?: readonly TokenPermission[],
): void {
  for (const grant of state.grants) {
    if (contextKey(grant.context) === contextKey(context) && sameSubject(grant.subject, subject)) {
      grant.permissions = permissions
        ? grant.permissions.filter((permission) => !permissions.includes(permission))
        : []
    }
  }
}

/** Identifiers that count as "the same author" for tokens (the NIP–PESEL link, REFERENCE §5). */
export function linkedSubjects(
  state: SimulatorState,
  subject: SubjectIdentifier,
): SubjectIdentifier[] {
  const linked: SubjectIdentifier[] = [subject]
  if (subject.type === 'Pesel') {
    const nip = state.persons.get(subject.value)?.nip
    if (nip) linked.push({ type: 'Nip', value: nip })
  } else if (subject.type === 'Nip') {
    for (const person of state.persons.values()) {
      if (person.nip === subject.value) linked.push({ type: 'Pesel', value: person.pesel })
    }
  }
  return linked
}
