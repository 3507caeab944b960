/**
 * Where the desktop app reaches KSeF instead of the environments' own hosts, from
 * KSEF_DESK_API_URL. Only a development build honours it: in a packaged app a variable set by
 * anything on the machine would send Production logins, tokens included, to another host. Only
 * an http(s) URL counts.
 */
export function ksefApiUrlOverride(
  value: string | undefined,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged || value === undefined || !URL.canParse(value.trim())) return undefined
  const url = new URL(value.trim())
  return url.protocol === 'http:' || url.protocol === 'https:' ? value.trim() : undefined
}
