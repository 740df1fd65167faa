import type { AuditEvent } from '@flc/protocol/resources';

import { type MessageKey, t } from '../../lib/i18n/index.tsx';
import audit from './audit.en.ts';

// The audit log's words are in audit.{en,ko}.ts; these put them together for an event.

/** The action filter's choices: a prefix of the action names each (`filter.all`: every one). */
export const AUDIT_FILTERS: readonly string[] = [
  '',
  'auth.',
  'agent.',
  'api_key.',
  'webhook.',
  'environment.',
  'organization.',
  'sso.',
  'canned_response.',
  'label.',
  'team.',
];

/** A filter's name: "Sign-ins" for `auth.`. */
export const filterWords = (prefix: string) => t(`audit.filter.${prefix || 'all'}` as MessageKey);

/** An action in words; one added later without words yet reads as its name, spaced. */
export function actionWords(action: string): string {
  if (Object.hasOwn(audit, `action.${action}`)) return t(`audit.action.${action}` as MessageKey);
  const words = action.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** What the event was about, by the name it had then: an agent's name, a key's, a URL. */
export function targetWords(event: AuditEvent): string {
  const d = event.details;
  const name = text(d.name) ?? text(d.email) ?? text(d.url);
  if (event.action === 'auth.login.failed') {
    const reason = text(d.reason) ? t('audit.failure', { reason: text(d.reason) }) : undefined;
    return [text(d.email), reason && `(${reason})`].filter(Boolean).join(' ');
  }
  if (event.target?.type === 'canned_response') {
    // Of a personal response the log keeps only that it was one.
    return text(d.shortcut) ? `/${text(d.shortcut)}` : t('audit.personalResponse');
  }
  if (event.action === 'organization.plan_changed') {
    return `${text(d.before) ?? '—'} → ${text(d.after) ?? '—'}`;
  }
  const delivery = text(d.delivery)
    ? t('audit.delivery', { delivery: text(d.delivery) })
    : undefined;
  if (delivery && event.action.startsWith('agent.')) return `${name ?? ''} (${delivery})`.trim();
  const previous = text(d.previousName);
  if (previous && name) return `${previous} → ${name}`;
  const role = d.role as { before?: string; after?: string } | undefined;
  if (role && typeof role === 'object' && role.before && role.after) {
    return `${name ?? ''} ${role.before} → ${role.after}`.trim();
  }
  return name ?? event.target?.type ?? '—';
}
