import { isPrivateHost } from '@flc/core';
import { MAX_WEBHOOK_URL_LENGTH } from '@flc/protocol/resources';

/**
 * Static checks of a webhook target, at the API. They stop the obvious server-side request
 * forgery (a URL naming loopback, private or link-local hosts); names that resolve to such
 * addresses are the dispatcher's to refuse, at delivery time, after DNS.
 */

export type TargetCheck = { ok: true; url: string } | { ok: false; message: string };

/** Checks a webhook target; on success returns it in the URL parser's canonical form. */
export function checkWebhookUrl(raw: string, options: { allowPrivate: boolean }): TargetCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    return { ok: false, message: `Expected at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: 'Expected an absolute http(s) URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'Expected an http or https URL' };
  }
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) {
    return { ok: false, message: `Expected at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  }
  if (!options.allowPrivate && isPrivateHost(url.hostname)) {
    return {
      ok: false,
      message:
        'The host is loopback, private or link-local; set FLC_WEBHOOK_ALLOW_PRIVATE to allow it',
    };
  }
  return { ok: true, url: url.href };
}
