/**
 * TOTP secrets at rest: AES-256-GCM (Web Crypto) under a key derived with HKDF from the
 * platform's JWT secret, the agent's id bound in as additional data so a ciphertext copied onto
 * another agent's row does not open. A new JWT secret makes stored secrets unreadable: those
 * agents are asked to have an owner reset their two-factor.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const utf8 = new TextEncoder();

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(jwtSecret: string): Promise<CryptoKey> {
  let key = keys.get(jwtSecret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', utf8.encode(jwtSecret), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          {
            name: 'HKDF',
            hash: 'SHA-256',
            salt: utf8.encode('flc two-factor'),
            info: utf8.encode('totp secret v1'),
          },
          base,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(jwtSecret, key);
  }
  return key;
}

export async function sealSecret(jwtSecret: string, agentId: string, secret: string) {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(agentId) },
    await keyFor(jwtSecret),
    utf8.encode(secret),
  );
  return `${VERSION}.${Buffer.from(iv).toString('base64url')}.${Buffer.from(sealed).toString('base64url')}`;
}

/** The secret, or null when it was sealed under another key (or for another agent). */
export async function openSecret(
  jwtSecret: string,
  agentId: string,
  sealed: string,
): Promise<string | null> {
  const [version, iv, data] = sealed.split('.');
  if (version !== VERSION || !iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: Buffer.from(iv, 'base64url'), additionalData: utf8.encode(agentId) },
      await keyFor(jwtSecret),
      Buffer.from(data, 'base64url'),
    );
    return new TextDecoder().decode(plain);
  } catch (e) {
    // Web Crypto's failed authentication; anything else is a real error.
    if (e instanceof DOMException && e.name === 'OperationError') return null;
    throw e;
  }
}
