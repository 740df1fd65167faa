import type { AttachmentLinks } from '../attachments/signing.ts';

/**
 * A delivery's data with its message's attachment links signed at the attempt, not when the
 * event was recorded: a delivery retried for hours still carries links an integration can
 * fetch for `FLC_ATTACHMENT_LINK_TTL` seconds, without a session. With `baseUrl`
 * (`FLC_PUBLIC_URL`) the links are absolute; without it they stay paths on the API.
 */
export function withFreshAttachmentLinks(
  data: unknown,
  links: AttachmentLinks,
  baseUrl?: string,
): unknown {
  const message = (data as { message?: unknown } | null)?.message;
  if (typeof message !== 'object' || message === null) return data;
  const attachments = (message as { attachments?: unknown }).attachments;
  if (!Array.isArray(attachments) || attachments.length === 0) return data;
  const base = baseUrl?.replace(/\/+$/, '') ?? '';
  return {
    ...(data as object),
    message: {
      ...message,
      attachments: attachments.map((a: { id: string }) => ({
        ...a,
        url: `${base}${links.path(a.id)}`,
      })),
    },
  };
}
