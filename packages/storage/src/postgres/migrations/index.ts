import tenancy from './0001_tenancy.sql' with { type: 'text' };
import conversations from './0002_conversations.sql' with { type: 'text' };
import webhookDispatch from './0003_webhook_dispatch.sql' with { type: 'text' };
import agentPresence from './0004_agent_presence.sql' with { type: 'text' };
import conversationStatusSeq from './0005_conversation_status_seq.sql' with { type: 'text' };
import conversationSnooze from './0006_conversation_snooze.sql' with { type: 'text' };
import webhookGeneration from './0007_webhook_generation.sql' with { type: 'text' };
import auditLog from './0008_audit_log.sql' with { type: 'text' };
import twoFactor from './0009_two_factor.sql' with { type: 'text' };
import passwordReset from './0010_password_reset.sql' with { type: 'text' };
import oidc from './0011_oidc.sql' with { type: 'text' };
import invitationPrivacy from './0012_invitation_privacy.sql' with { type: 'text' };
import cannedResponses from './0013_canned_responses.sql' with { type: 'text' };
import labels from './0014_labels.sql' with { type: 'text' };
import notesMentions from './0015_notes_mentions.sql' with { type: 'text' };
import search from './0016_search.sql' with { type: 'text' };
import teams from './0017_teams.sql' with { type: 'text' };
import unassignedAgent from './0018_unassigned_agent.sql' with { type: 'text' };
import messageChanges from './0019_message_changes.sql' with { type: 'text' };
import prechatCsat from './0021_prechat_csat.sql' with { type: 'text' };
import attachments from './0022_attachments.sql' with { type: 'text' };
import businessHours from './0023_business_hours.sql' with { type: 'text' };
import emailContinuity from './0024_email_continuity.sql' with { type: 'text' };
import emailReach from './0025_email_reach.sql' with { type: 'text' };
import attachmentUploadsPerDay from './0026_attachment_uploads_per_day.sql' with { type: 'text' };
import reports from './0027_reports.sql' with { type: 'text' };
import conversationTranscripts from './0028_conversation_transcripts.sql' with { type: 'text' };
import processReports from './0029_process_reports.sql' with { type: 'text' };
import widgetLanguage from './0030_widget_language.sql' with { type: 'text' };
import operators from './0031_operators.sql' with { type: 'text' };
import plans from './0032_plans.sql' with { type: 'text' };
import usageMetering from './0033_usage_metering.sql' with { type: 'text' };
import usageRounds from './0034_usage_rounds.sql' with { type: 'text' };

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Never edit a shipped one: add the next number. */
export const migrations: Migration[] = [
  { version: 1, name: 'tenancy', sql: tenancy },
  { version: 2, name: 'conversations', sql: conversations },
  { version: 3, name: 'webhook dispatch', sql: webhookDispatch },
  { version: 4, name: 'agent presence', sql: agentPresence },
  { version: 5, name: 'conversation status seq', sql: conversationStatusSeq },
  { version: 6, name: 'conversation snooze', sql: conversationSnooze },
  { version: 7, name: 'webhook generation', sql: webhookGeneration },
  { version: 8, name: 'audit log', sql: auditLog },
  { version: 9, name: 'two factor', sql: twoFactor },
  { version: 10, name: 'password reset', sql: passwordReset },
  { version: 11, name: 'oidc', sql: oidc },
  { version: 12, name: 'invitation privacy', sql: invitationPrivacy },
  { version: 13, name: 'canned responses', sql: cannedResponses },
  { version: 14, name: 'labels', sql: labels },
  { version: 15, name: 'notes mentions', sql: notesMentions },
  { version: 16, name: 'search', sql: search },
  { version: 17, name: 'teams', sql: teams },
  { version: 18, name: 'unassigned agent', sql: unassignedAgent },
  { version: 19, name: 'message changes', sql: messageChanges },
  { version: 21, name: 'prechat csat', sql: prechatCsat },
  { version: 22, name: 'attachments', sql: attachments },
  { version: 23, name: 'business hours', sql: businessHours },
  { version: 24, name: 'email continuity', sql: emailContinuity },
  { version: 25, name: 'email reach', sql: emailReach },
  { version: 26, name: 'attachment uploads per day', sql: attachmentUploadsPerDay },
  { version: 27, name: 'reports', sql: reports },
  { version: 28, name: 'conversation transcripts', sql: conversationTranscripts },
  { version: 29, name: 'process reports', sql: processReports },
  { version: 30, name: 'widget language', sql: widgetLanguage },
  { version: 31, name: 'operators', sql: operators },
  { version: 32, name: 'plans', sql: plans },
  { version: 33, name: 'usage metering', sql: usageMetering },
  { version: 34, name: 'usage rounds', sql: usageRounds },
];
