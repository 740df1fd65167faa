import { describe, expect, test } from 'bun:test';
import { SecretBox } from './secret-box.ts';

const jwtSecret = 'a-jwt-secret-of-at-least-thirty-two-characters';

describe('SecretBox', () => {
  test('opens what it sealed, and the sealed text does not contain the secret', async () => {
    const box = new SecretBox(jwtSecret);
    const sealed = await box.seal('client-secret-123', 'org-1');
    expect(sealed).not.toContain('client-secret-123');
    expect(await box.open(sealed, 'org-1')).toBe('client-secret-123');
  });

  test('two seals of one secret differ (a fresh IV each time)', async () => {
    const box = new SecretBox(jwtSecret);
    expect(await box.seal('s', 'org-1')).not.toBe(await box.seal('s', 'org-1'));
  });

  test('another organization, another JWT secret or a changed byte does not open', async () => {
    const box = new SecretBox(jwtSecret);
    const sealed = await box.seal('client-secret-123', 'org-1');
    expect(await box.open(sealed, 'org-2')).toBeNull();
    expect(await new SecretBox(`${jwtSecret}x`).open(sealed, 'org-1')).toBeNull();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(await box.open(tampered, 'org-1')).toBeNull();
    expect(await box.open('not sealed', 'org-1')).toBeNull();
  });
});
