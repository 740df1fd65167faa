/**
 * Webhook signatures, on Web Crypto so the dispatcher runs on Bun, Node and Deno alike:
 * `v1=<hex HMAC-SHA256(signing secret, timestamp + "." + body)>`, with the timestamp in unix
 * seconds. Signing the timestamp lets receivers refuse a replayed delivery by its age.
 */
const encoder = new TextEncoder();

/** How old a delivery's timestamp may be, by default, when a receiver verifies it. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const bytes = new Uint8Array(new ArrayBuffer(hex.length / 2));
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The `X-FLC-Signature` value of one attempt. */
export async function signWebhook(
  secret: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const key = await hmacKey(secret, 'sign');
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return `v1=${toHex(mac)}`;
}

export interface VerifyInput {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string;
  /** `X-FLC-Timestamp`. */
  timestamp: string | null;
  /** `X-FLC-Signature`; several `v1=` values separated by commas are each tried. */
  signature: string | null;
  nowSeconds?: number;
  toleranceSeconds?: number;
}

/**
 * What a receiver checks: a fresh timestamp and a matching signature (compared in constant
 * time by Web Crypto). The platform's own tests use it; receivers can copy the README's version.
 */
export async function verifyWebhook(input: VerifyInput): Promise<boolean> {
  const { secret, body, timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(now - Number(timestamp)) > tolerance) return false;
  const key = await hmacKey(secret, 'verify');
  const signed = encoder.encode(`${timestamp}.${body}`);
  for (const part of signature.split(',')) {
    const [scheme, hex = ''] = part.trim().split('=', 2);
    const mac = scheme === 'v1' ? fromHex(hex) : null;
    if (mac && (await crypto.subtle.verify('HMAC', key, mac, signed))) return true;
  }
  return false;
}
