import { describe, expect, it, vi } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import type { Handlers } from '../../../electron/handlers/context'
import { handlers } from '../../../electron/handlers'
import { ksefCallScope } from '../../../electron/ksef/rate-limiter'
import { memoryContext } from '../../support/memory-context'

const validDraft = {
  name: 'Kowalski',
  identifier: { type: 'Nip', value: '5265877635' },
  environment: 'Test',
}

function withSpy<C extends keyof Handlers>(channel: C, implementation: Handlers[C]) {
  const spy = vi.fn(implementation)
  const replaced: Handlers = { ...handlers, [channel]: spy }
  return { handlers: replaced, spy }
}

describe('dispatch', () => {
  it('rejects malformed input with INVALID_INPUT and never calls the handler', async () => {
    const { ctx } = await memoryContext()
    const { handlers: spied, spy } = withSpy('companies:add', handlers['companies:add'])
    const dispatch = createDispatch(spied, ctx)

    for (const input of [
      undefined,
      'Kowalski',
      { ...validDraft, environment: 'Staging' },
      { ...validDraft, identifier: { type: 'Pesel', value: '5265877635' } },
      { ...validDraft, name: 42 },
    ]) {
      const envelope = await dispatch('companies:add', input)
      expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(spy).not.toHaveBeenCalled()
    expect(ctx.companies.list()).toEqual([])
  })

  it('names the offending field of malformed input', async () => {
    const { ctx } = await memoryContext()
    const envelope = await createDispatch(handlers, ctx)('companies:remove', { id: 'not-a-uuid' })
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.details?.['issues']).toEqual([expect.objectContaining({ path: 'id' })])
  })

  it('runs a company’s channel as the user’s work in that company’s context, for the rate limiter', async () => {
    const { ctx } = await memoryContext()
    const scopes: unknown[] = []
    const { handlers: spied } = withSpy('certificates:list', () => {
      scopes.push(ksefCallScope.getStore())
      return Promise.resolve([])
    })
    const companyId = '6d3f1c9e-8a2b-4c5d-9e0f-1a2b3c4d5e6f'
    await createDispatch(spied, ctx)('certificates:list', { companyId })
    expect(scopes).toEqual([{ companyId, priority: 'user' }])
  })

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const { ctx } = await memoryContext()
    expect(await createDispatch(handlers, ctx)('companies:drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
  })

  it('turns an output that fails its schema into INVALID_OUTPUT instead of passing it on', async () => {
    const { ctx } = await memoryContext()
    const { handlers: broken } = withSpy('companies:list', () =>
      Promise.resolve([{ id: 'x', name: 'No identifier' }] as never),
    )
    expect(await createDispatch(broken, ctx)('companies:list', undefined)).toEqual({
      ok: false,
      error: {
        code: 'INVALID_OUTPUT',
        message: 'The answer of companies:list does not match the contract.',
        details: { channel: 'companies:list' },
      },
    })
  })

  it('passes a handler AppError through with its code and details', async () => {
    const { ctx } = await memoryContext()
    const envelope = await createDispatch(handlers, ctx)('companies:add', {
      ...validDraft,
      identifier: { type: 'Nip', value: '5265877636' },
    })
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'NIP_BAD_CHECKSUM',
        message: 'The NIP check digit does not match: there is a typo in it.',
        details: { field: 'identifier' },
      },
    })
    expect(ctx.companies.list()).toEqual([])
  })

  it('hides an unexpected failure behind INTERNAL, in the answer and in the log', async () => {
    const logged: string[] = []
    const record = (message: string, fields?: object) =>
      void logged.push(JSON.stringify({ message, fields }))
    const { ctx } = await memoryContext({ log: { info: record, error: record } })
    const { handlers: failing } = withSpy('companies:list', () =>
      Promise.reject(new TypeError('Authorization: Bearer eyJsecret')),
    )
    const envelope = await createDispatch(failing, ctx)('companies:list', undefined)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(envelope)).not.toContain('eyJsecret')
    expect(logged).toEqual([expect.stringContaining('"error":"TypeError"')])
    expect(logged.join('')).not.toContain('eyJsecret')
  })

  it('returns the parsed value on success', async () => {
    const { ctx } = await memoryContext()
    const envelope = await createDispatch(handlers, ctx)('companies:add', validDraft)
    expect(envelope).toMatchObject({ ok: true, value: { name: 'Kowalski', environment: 'Test' } })
  })
})
