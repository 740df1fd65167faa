import { expect, test } from 'bun:test';
import { AttachmentLinks } from '../attachments/signing.ts';
import { withFreshAttachmentLinks } from './attachment-links.ts';

const links = new AttachmentLinks('a-secret-of-at-least-thirty-two-chars!!', 600, () => 2_000_000);

test("a message's attachment links are signed again, absolute under the public address", () => {
  const data = {
    message: {
      id: 'm1',
      body: '',
      attachments: [
        { id: 'a1', fileName: 'x.png', url: '/v1/attachments/a1?exp=1&sig=old' },
        { id: 'a2', fileName: 'y.pdf', url: '/v1/attachments/a2?exp=1&sig=old' },
      ],
    },
  };
  const fresh = withFreshAttachmentLinks(data, links, 'https://chat.example.com/') as typeof data;
  expect(fresh.message.attachments.map((a) => a.url)).toEqual([
    `https://chat.example.com${links.path('a1')}`,
    `https://chat.example.com${links.path('a2')}`,
  ]);
  expect(fresh.message.attachments[0]).toMatchObject({ id: 'a1', fileName: 'x.png' });
  expect(data.message.attachments[0]?.url).toContain('sig=old'); // the stored payload is kept
  const relative = withFreshAttachmentLinks(data, links) as typeof data;
  expect(relative.message.attachments[0]?.url).toBe(links.path('a1'));
});

test('data without a message or without attachments is passed on as it is', () => {
  const conversation = { conversation: { id: 'c1' } };
  expect(withFreshAttachmentLinks(conversation, links, 'https://x')).toBe(conversation);
  const plain = { message: { id: 'm1', body: 'hi' } };
  expect(withFreshAttachmentLinks(plain, links, 'https://x')).toBe(plain);
  expect(withFreshAttachmentLinks(null, links)).toBeNull();
});
