import { afterEach, describe, expect, it } from 'vitest'
import { boot, cleanUp, outsideSecret, rendererHtml } from './harness'

afterEach(cleanUp)

describe('app://renderer/', () => {
  it('serves index.html with its type and the Content-Security-Policy header', async () => {
    const { electron } = await boot({ packaged: true })
    const response = await electron.session.defaultSession.fetch('app://renderer/index.html')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(rendererHtml)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("object-src 'none'")
  })

  it('serves the bundle the page refers to', async () => {
    const { electron } = await boot()
    const response = await electron.session.defaultSession.fetch('app://renderer/assets/index.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    'app://renderer/..%2foutside.txt',
    'app://renderer/..%2F..%2Fout%2Foutside.txt',
    'app://renderer/assets/..%2f..%2foutside.txt',
    'app://renderer/%2e%2e%2foutside.txt',
    'app://renderer/..%5coutside.txt',
    'app://renderer/..%2frenderer-private.txt',
    'app://renderer/%2fetc%2fpasswd',
    'app://renderer/index.html%00.js',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'app://renderer/missing.js',
    'app://renderer/',
    'app://renderer/assets',
  ])('answers %s with 404 and nothing from outside', async (url) => {
    const { electron } = await boot()
    const response = await electron.session.defaultSession.fetch(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain(outsideSecret)
  })
})
