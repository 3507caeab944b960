import type { Route, RouteTable, SimResponse, SimulatorCore } from '../core'
import { sessionOf } from '../core'
import { KsefException } from '../http-errors'
import type { ContextIdentifier, SubjectIdentifier } from '../identifiers'
import { contextKey, sameSubject } from '../identifiers'
import { parseKsefTimestamp } from '../ksef-time'
import { grantPermissions, linkedSubjects, revokePermissions } from '../permissions'
import type { TokenPermission } from '../state'

/** The /testdata helpers exist on the TEST environment only. */
function testOnly(core: SimulatorCore, route: Route): Route {
  return {
    ...route,
    handle: (ctx) => {
      if (core.config.mode !== 'test') {
        const notFound: SimResponse = {
          status: 404,
          contentType: 'application/problem+json',
          outsideContract: '/testdata exists on the TEST environment only',
          body: {
            title: 'Not Found',
            status: 404,
            detail: 'Dane testowe są dostępne tylko w środowisku testowym.',
          },
        }
        return notFound
      }
      return route.handle(ctx)
    },
  }
}

const OK: SimResponse = { status: 200 }

interface PersonBody {
  nip: string
  pesel: string
  isBailiff: boolean
  description: string
  isDeceased?: boolean
}

interface PermissionsBody {
  contextIdentifier: ContextIdentifier
  authorizedIdentifier: SubjectIdentifier
  permissions?: { permissionType: TokenPermission; description: string }[]
}

export function testDataRoutes(core: SimulatorCore): RouteTable {
  const { state } = core
  const routes: RouteTable = {
    'POST /testdata/person': {
      handle: (ctx) => {
        const body = ctx.json as PersonBody
        if (state.persons.get(body.pesel)?.nip === body.nip) throw new KsefException(30001)
        state.persons.set(body.pesel, {
          nip: body.nip,
          pesel: body.pesel,
          isBailiff: body.isBailiff,
          isDeceased: body.isDeceased ?? false,
          description: body.description,
        })
        return OK
      },
    },
    'POST /testdata/person/remove': {
      handle: (ctx) => {
        const { nip } = ctx.json as { nip: string }
        for (const [pesel, person] of state.persons)
          if (person.nip === nip) state.persons.delete(pesel)
        return OK
      },
    },
    'POST /testdata/permissions': {
      handle: (ctx) => {
        const body = ctx.json as PermissionsBody
        grantPermissions(
          state,
          body.contextIdentifier,
          body.authorizedIdentifier,
          (body.permissions ?? []).map((permission) => permission.permissionType),
        )
        return OK
      },
    },
    'POST /testdata/permissions/revoke': {
      handle: (ctx) => {
        const body = ctx.json as PermissionsBody
        revokePermissions(state, body.contextIdentifier, body.authorizedIdentifier)
        return OK
      },
    },
    'POST /testdata/context/block': {
      handle: (ctx) => {
        const body = ctx.json as { contextIdentifier?: ContextIdentifier | null } | undefined
        if (!body?.contextIdentifier)
          throw new KsefException(21405, ['Pole contextIdentifier jest wymagane.'])
        state.blockedContexts.add(contextKey(body.contextIdentifier))
        return OK
      },
    },
    'POST /testdata/context/unblock': {
      handle: (ctx) => {
        const body = ctx.json as { contextIdentifier?: ContextIdentifier | null } | undefined
        if (!body?.contextIdentifier)
          throw new KsefException(21405, ['Pole contextIdentifier jest wymagane.'])
        state.blockedContexts.delete(contextKey(body.contextIdentifier))
        return OK
      },
    },
    'PUT /testdata/certificates/{serialNumber}': {
      bearer: ['access'],
      handle: (ctx) => {
        const session = sessionOf(core, ctx)
        const certificate = state.certificates.get(ctx.params.serialNumber ?? '')
        const owners = session.subject ? linkedSubjects(state, session.subject) : []
        if (!certificate || !owners.some((owner) => sameSubject(owner, certificate.subject))) {
          throw new KsefException(25008)
        }
        const { validTo } = ctx.json as { validTo: string }
        const validToMs = parseKsefTimestamp(validTo)
        if (validToMs === undefined || validToMs > certificate.validToMs) {
          throw new KsefException(21405, ['Nowa data ważności nie może być późniejsza niż obecna.'])
        }
        certificate.validToMs = validToMs
        return OK
      },
    },
  }
  return Object.fromEntries(
    Object.entries(routes).map(([key, route]) => [key, testOnly(core, route)]),
  )
}
