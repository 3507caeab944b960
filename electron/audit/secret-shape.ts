// What a note of the audit log may not look like: the shapes the app's secrets take. A note is
// meant for a serial number, a reference number or a count; one shaped like a secret is left out.

const secretShapes: readonly RegExp[] = [
  // PEM: a private key, a certificate request.
  /-----BEGIN [A-Z ]+-----/,
  // A JWT (KSeF's access, refresh and authentication tokens).
  /eyJ[\w-]{8,}\.[\w-]{8,}/,
  // A KSeF token: reference|nip-…|secret.
  /\|\s*(nip|internalId|nipVatUe|peppolId)-/i,
  // A long run of key material: base64, base64url or hex without a break.
  /[A-Za-z0-9+/=_]{48,}/,
]

export const looksLikeSecret = (text: string): boolean =>
  secretShapes.some((shape) => shape.test(text))
