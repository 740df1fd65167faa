import {
  CANNED_SHORTCUT_PATTERN,
  CANNED_TITLE_MAX,
  formatVariables,
  unknownVariables,
} from '@flc/protocol/canned-templates';
import { limits } from '@flc/protocol/codes';
import { cannedStrings as s } from './strings.ts';

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
  if (!shortcut) problems.shortcut = s.required;
  else if (!shortcutShape.test(shortcut)) problems.shortcut = s.badShortcut;
  const title = form.title.trim();
  if (!title) problems.title = s.required;
  else if (title.length > CANNED_TITLE_MAX) problems.title = s.tooLong(CANNED_TITLE_MAX);
  const body = form.body.trim();
  const unknown = unknownVariables(body);
  if (!body) problems.body = s.required;
  else if (body.length > limits.maxBodyChars) problems.body = s.tooLong(limits.maxBodyChars);
  else if (unknown.length > 0) problems.body = s.unknownVariables(formatVariables(unknown));
  return problems;
}
