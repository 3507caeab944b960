import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  externalHosts,
  isAllowedExternal,
  withPolicy,
} from '../../electron/shell/security-policy'

const directives = (policy: string) =>
  new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/)
      return [name, values] as const
    }),
  )

describe('isAllowedExternal', () => {
  it.each([
    'https://ap.ksef.mf.gov.pl/',
    'https://ap-demo.ksef.mf.gov.pl/web/login',
    'https://ap-test.ksef.mf.gov.pl/?lang=pl',
    'https://ksef.podatki.gov.pl/pytania-i-odpowiedzi-ksef-20/',
    'https://AP.KSEF.MF.GOV.PL/',
  ])('opens %s', (url) => {
    expect(isAllowedExternal(url)).toBe(true)
  })

  it.each([
    ['a host that only starts with an allowed one', 'https://ap.ksef.mf.gov.pl.evil.com/'],
    ['an allowed host in the query', 'https://evil.com/?ap.ksef.mf.gov.pl'],
    ['an allowed host in the path', 'https://evil.com/ap.ksef.mf.gov.pl'],
    ['an allowed host as the user name', 'https://ap.ksef.mf.gov.pl@evil.com/'],
    ['credentials before an allowed host', 'https://user:pass@ap.ksef.mf.gov.pl/'],
    ['a port', 'https://ap.ksef.mf.gov.pl:8443/'],
    ['plain http', 'http://ap.ksef.mf.gov.pl/'],
    ['a parent domain', 'https://mf.gov.pl/'],
    ['a sibling of an allowed host', 'https://api.ksef.mf.gov.pl/v2'],
    ['a trailing dot', 'https://ap.ksef.mf.gov.pl./'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['not a URL', 'ap.ksef.mf.gov.pl'],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedExternal(url)).toBe(false)
  })

  it('knows exactly the MF web app of each environment and the help pages', () => {
    expect([...externalHosts].sort()).toEqual([
      'ap-demo.ksef.mf.gov.pl',
      'ap-test.ksef.mf.gov.pl',
      'ap.ksef.mf.gov.pl',
      'ksef.podatki.gov.pl',
    ])
  })
})

describe('contentSecurityPolicy', () => {
  it('lets a built page run only its own scripts', () => {
    const policy = directives(contentSecurityPolicy(false))
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
  })

  it.each([false, true])(
    'dev %s: inline styles for MUI, no plugins, frames, bases, forms',
    (dev) => {
      const policy = directives(contentSecurityPolicy(dev))
      expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
      expect(policy.get('object-src')).toEqual(["'none'"])
      expect(policy.get('frame-ancestors')).toEqual(["'none'"])
      expect(policy.get('base-uri')).toEqual(["'none'"])
      expect(policy.get('form-action')).toEqual(["'none'"])
    },
  )

  it("in development allows the dev server's inline refresh preamble and its WebSocket", () => {
    const policy = directives(contentSecurityPolicy(true))
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'])
  })
})

describe('withPolicy', () => {
  it("replaces a server's policy whatever its spelling and keeps the other headers", () => {
    expect(
      withPolicy(
        { 'content-security-policy': ['script-src *'], 'Content-Type': ['text/html'] },
        "script-src 'self'",
      ),
    ).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["script-src 'self'"],
    })
  })
})
