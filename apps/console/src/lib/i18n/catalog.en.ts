/** The English catalog, the source every other language translates; bundled with the console. */
import acceptInvite from '../../features/auth/accept-invite.en.ts';
import passwordReset from '../../features/auth/password-reset.en.ts';
import sso from '../../features/auth/sso.en.ts';
import canned from '../../features/canned-responses/i18n.en.ts';
import attachments from '../../features/conversation/i18n/attachments.en.ts';
import conversation from '../../features/conversation/i18n/conversation.en.ts';
import dataRights from '../../features/conversation/i18n/dataRights.en.ts';
import messageChanges from '../../features/conversation/i18n/messageChanges.en.ts';
import notes from '../../features/conversation/i18n/notes.en.ts';
import rating from '../../features/conversation/i18n/rating.en.ts';
import timeline from '../../features/conversation/i18n/timeline.en.ts';
import inbox from '../../features/inbox/i18n.en.ts';
import mentions from '../../features/mentions/i18n.en.ts';
import operator from '../../features/operator/i18n.en.ts';
import reports from '../../features/reports/i18n.en.ts';
import search from '../../features/search/i18n.en.ts';
import audit from '../../features/settings/audit.en.ts';
import businessHours from '../../features/settings/sections/business-hours.en.ts';
import emailContinuity from '../../features/settings/sections/email-continuity.en.ts';
import environment from '../../features/settings/sections/environment.en.ts';
import invite from '../../features/settings/sections/invite.en.ts';
import keys from '../../features/settings/sections/keys.en.ts';
import plan from '../../features/settings/sections/plan.en.ts';
import preChat from '../../features/settings/sections/pre-chat.en.ts';
import searchLanguage from '../../features/settings/sections/search-language.en.ts';
import ssoSettings from '../../features/settings/sections/sso.en.ts';
import widgetLanguage from '../../features/settings/sections/widget-language.en.ts';
import settings from '../../features/settings/settings.en.ts';
import shell from '../../features/shell/i18n.en.ts';
import system from '../../features/system/i18n.en.ts';
import twoFactor from '../../features/two-factor/i18n.en.ts';
import common from './common.en.ts';
import errors from './errors.en.ts';
import format from './format.en.ts';
import labels from './labels.en.ts';
import teams from './teams.en.ts';

export const en = {
  common,
  errors,
  format,
  labels,
  teams,
  shell,
  inbox,
  conversation,
  attachments,
  dataRights,
  messageChanges,
  notes,
  rating,
  timeline,
  mentions,
  search,
  reports,
  system,
  operator,
  twoFactor,
  canned,
  sso,
  acceptInvite,
  passwordReset,
  emailContinuity,
  widgetLanguage,
  invite,
  preChat,
  searchLanguage,
  ssoSettings,
  businessHours,
  audit,
  settings,
  environment,
  keys,
  plan,
};

export type EnglishNamespaces = typeof en;
