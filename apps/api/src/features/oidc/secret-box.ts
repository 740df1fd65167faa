/**
 * Seals the client secrets of SSO connections at rest: AES-256-GCM under a key derived (HKDF)
 * from the JWT secret, with the organization's id as additional data, so a sealed value moved to
 * another row does not open. Changing `JWT_SECRET` makes stored client secrets unreadable: they
 * have to be entered again.
 */
const VERSION = 'v1';
const IV_BYTES = 12;

const b64 = (bytes: ArrayBuffer | Uint8Array) =>
  Buffer.from(bytes as Uint8Array).toString('base64url');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

export class SecretBox {
  private readonly key: Promise<CryptoKey>;

  constructor(jwtSecret: string) {
    this.key = (async () => {
      const material = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(jwtSecret),
        'HKDF',
        false,
        ['deriveKey'],
      );
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new TextEncoder().encode('flc/oidc-client-secret'),
          info: new TextEncoder().encode('aes-256-gcm v1'),
        },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
  }

  async seal(plain: string, context: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
      await this.key,
      new TextEncoder().encode(plain),
    );
    return `${VERSION}.${b64(iv)}.${b64(sealed)}`;
  }

  /** The sealed text, or null when it was sealed under another key or for another context. */
  async open(sealed: string, context: string): Promise<string | null> {
    const [version, iv, data] = sealed.split('.');
    if (version !== VERSION || !iv || !data) return null;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: unb64(iv), additionalData: new TextEncoder().encode(context) },
        await this.key,
        unb64(data),
      );
      return new TextDecoder().decode(plain);
    } catch {
      return null; // the tag does not check out: another key, or another organization's row
    }
  }
}
