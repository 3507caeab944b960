import type { AllowedIps } from './state'

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.')
  if (parts.length !== 4) return undefined
  let value = 0
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined
    value = value * 256 + Number(part)
  }
  return value
}

/** AuthorizationPolicy/AllowedIps: the access token works only from these IPv4 addresses. */
export function isAllowedIp(ip: string, allowed: AllowedIps): boolean {
  const address = ipToNumber(ip)
  if (address === undefined) return false
  if (allowed.ip4Addresses.includes(ip)) return true
  for (const range of allowed.ip4Ranges) {
    const [from, to] = range.split('-').map(ipToNumber)
    if (from !== undefined && to !== undefined && address >= from && address <= to) return true
  }
  for (const mask of allowed.ip4Masks) {
    const [base = '', bitsText = '32'] = mask.split('/')
    const network = ipToNumber(base)
    const bits = Number(bitsText)
    if (network === undefined) continue
    const size = 2 ** (32 - bits)
    if (Math.floor(address / size) === Math.floor(network / size)) return true
  }
  return false
}

/** An empty policy (no lists at all) restricts nothing. */
export function isEmptyPolicy(allowed: AllowedIps): boolean {
  return allowed.ip4Addresses.length + allowed.ip4Ranges.length + allowed.ip4Masks.length === 0
}
