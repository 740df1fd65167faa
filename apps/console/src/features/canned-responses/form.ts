import {
  CANNED_SHORTCUT_PATTERN,
  CANNED_TITLE_MAX,
  formatVariables,
  unknownVariables,
} from '@flc/protocol/canned-templates';
import { limits } from '@flc/protocol/codes';
import { t } from '../../lib/i18n/index.tsx';

export interface CannedForm {
  shortcut: string;
  title: string;
  body: string;
}

const shortcutShape = new RegExp(CANNED_SHORTCUT_PATTERN);

/** The checks made before asking the API, which makes the same ones (422, 409 for a taken one). */
export function cannedProblems(form: CannedForm): Partial<Record<keyof CannedForm, string>> {
  const problems: Partial<Record<keyof CannedForm, string>> = {};
  const shortcut = form.shortcut.trim();
  if (!shortcut) problems.shortcut = t('canned.required');
  else if (!shortcutShape.test(shortcut)) problems.shortcut = t('canned.badShortcut');
  const title = form.title.trim();
  if (!title) problems.title = t('canned.required');
  else if (title.length > CANNED_TITLE_MAX)
    problems.title = t('canned.tooLong', { max: CANNED_TITLE_MAX });
  const body = form.body.trim();
  const unknown = unknownVariables(body);
  if (!body) problems.body = t('canned.required');
  else if (body.length > limits.maxBodyChars)
    problems.body = t('canned.tooLong', { max: limits.maxBodyChars });
  else if (unknown.length > 0)
    problems.body = t('canned.unknownVariables', { list: formatVariables(unknown) });
  return problems;
}
