/** The Korean catalog: a chunk of its own, loaded only by a console that speaks Korean. */
import acceptInvite from '../../features/auth/accept-invite.ko.ts';
import passwordReset from '../../features/auth/password-reset.ko.ts';
import sso from '../../features/auth/sso.ko.ts';
import canned from '../../features/canned-responses/i18n.ko.ts';
import attachments from '../../features/conversation/i18n/attachments.ko.ts';
import conversation from '../../features/conversation/i18n/conversation.ko.ts';
import dataRights from '../../features/conversation/i18n/dataRights.ko.ts';
import messageChanges from '../../features/conversation/i18n/messageChanges.ko.ts';
import notes from '../../features/conversation/i18n/notes.ko.ts';
import rating from '../../features/conversation/i18n/rating.ko.ts';
import timeline from '../../features/conversation/i18n/timeline.ko.ts';
import inbox from '../../features/inbox/i18n.ko.ts';
import mentions from '../../features/mentions/i18n.ko.ts';
import operator from '../../features/operator/i18n.ko.ts';
import reports from '../../features/reports/i18n.ko.ts';
import search from '../../features/search/i18n.ko.ts';
import audit from '../../features/settings/audit.ko.ts';
import businessHours from '../../features/settings/sections/business-hours.ko.ts';
import emailContinuity from '../../features/settings/sections/email-continuity.ko.ts';
import environment from '../../features/settings/sections/environment.ko.ts';
import invite from '../../features/settings/sections/invite.ko.ts';
import keys from '../../features/settings/sections/keys.ko.ts';
import plan from '../../features/settings/sections/plan.ko.ts';
import preChat from '../../features/settings/sections/pre-chat.ko.ts';
import searchLanguage from '../../features/settings/sections/search-language.ko.ts';
import ssoSettings from '../../features/settings/sections/sso.ko.ts';
import widgetLanguage from '../../features/settings/sections/widget-language.ko.ts';
import settings from '../../features/settings/settings.ko.ts';
import shell from '../../features/shell/i18n.ko.ts';
import system from '../../features/system/i18n.ko.ts';
import twoFactor from '../../features/two-factor/i18n.ko.ts';
import type { EnglishNamespaces } from './catalog.en.ts';
import type { Translation } from './catalog.ts';
import common from './common.ko.ts';
import errors from './errors.ko.ts';
import format from './format.ko.ts';
import labels from './labels.ko.ts';
import teams from './teams.ko.ts';

export const ko: { [NS in keyof EnglishNamespaces]: Translation<EnglishNamespaces[NS]> } = {
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
