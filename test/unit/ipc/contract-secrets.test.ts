import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { contract, events } from '../../../shared/ipc/contract'
import { DetailName } from '../../../shared/errors/details'
import { AppErrorPayload, appErrorDetails } from '../../../shared/ipc/errors'

// DESIGN §2: a handler returns summaries, never a private key, a token, a password or an access
// token. Any field whose name says it carries one fails here, in every output and event payload.
const secretName =
  /^(token|accessToken|refreshToken|authenticationToken|ksefToken|encryptedToken|password|passphrase|privateKey|key|secret|pin|pkcs12|p12|pfx)$|password|privatekey|secret|passphrase/i

function fieldNames(schema: unknown, path = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return []
  const node = schema as Record<string, unknown>
  const found: string[] = []
  const properties = node['properties']
  if (typeof properties === 'object' && properties !== null) {
    for (const [name, child] of Object.entries(properties)) {
      found.push(`${path}${name}`, ...fieldNames(child, `${path}${name}.`))
    }
  }
  for (const key of ['items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const child = node[key]
    for (const each of Array.isArray(child) ? child : [child]) found.push(...fieldNames(each, path))
  }
  return found
}

const leaf = (path: string) => path.split('.').pop() ?? path

// The one deliberate exception: a generated KSeF token's single trip to the reveal dialog.
const revealChannel = 'tokens:reveal'

describe('what crosses the contract', () => {
  const schemas = [
    ...Object.entries(contract)
      .filter(([channel]) => channel !== revealChannel)
      .map(([channel, spec]) => [`${channel} output`, spec.output] as const),
    ...Object.entries(events).map(([event, schema]) => [`${event} event`, schema] as const),
  ]

  it.each(schemas)('%s carries no secret-named field', (_name, schema) => {
    const names = fieldNames(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }))
    expect(names.filter((path) => secretName.test(leaf(path)))).toEqual([])
  })

  it('only the reveal channel carries the token, and nothing else', () => {
    const names = fieldNames(
      z.toJSONSchema(contract[revealChannel].output, { io: 'output', unrepresentable: 'any' }),
    )
    expect(names).toEqual(['token'])
  })

  // Errors cross the contract too (every failed call, every notice): their fixed fields, and every
  // KSeF structure their details may hold, are held to the same rule.
  it('the error payload carries no secret-named field', () => {
    const names = fieldNames(
      z.toJSONSchema(AppErrorPayload, { io: 'output', unrepresentable: 'any' }),
    )
    expect(names).toEqual(expect.arrayContaining(['code', 'message', 'details']))
    expect(names.filter((path) => secretName.test(leaf(path)))).toEqual([])
  })

  // Every code's details schema, of every area: what toPayload lets out is what these list.
  it.each(Object.entries(appErrorDetails))(
    'the details of %s carry no secret-named field',
    (_code, schema) => {
      const names = fieldNames(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }))
      expect(names.filter((path) => secretName.test(leaf(path)))).toEqual([])
    },
  )

  it('no error detail may be named like a secret', () => {
    for (const name of [
      'token',
      'accessToken',
      'refreshToken',
      'ksefToken',
      'password',
      'keyPassword',
      'passphrase',
      'privateKey',
      'key',
      'secret',
      'clientSecret',
      'pin',
      'pkcs12',
      'p12',
      'pfx',
    ]) {
      expect([name, DetailName.safeParse(name).success]).toEqual([name, false])
    }
    for (const name of ['path', 'movedTo', 'keyType', 'tokenContext', 'serialNumber']) {
      expect([name, DetailName.safeParse(name).success]).toEqual([name, true])
    }
  })

  it('the check catches a secret-named field', () => {
    const leaky = z.object({ summary: z.object({ serial: z.string(), privateKey: z.string() }) })
    expect(fieldNames(z.toJSONSchema(leaky)).filter((path) => secretName.test(leaf(path)))).toEqual(
      ['summary.privateKey'],
    )
  })
})
