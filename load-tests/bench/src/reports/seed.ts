import type { Sql } from '@flc/storage/postgres';

export interface ReportTenant {
  organizationId: string;
  environmentIds: [string, string];
  /** The first and last day of the seeded year (UTC, `YYYY-MM-DD`). */
  from: string;
  to: string;
  conversations: number;
  messages: number;
}

const DAY_MS = 86_400_000;
const PER_CONVERSATION = 10;
const AGENTS = 20;
const TEAMS = 4;

/**
 * One organization with a year of history, written by set-returning SQL (generate_series) in one
 * transaction, not through the API: `messages` messages, ten to a conversation, the
 * conversations spread over the 365 days up to `to` (most in business hours), their first
 * replies within two hours (mostly minutes), nine in ten closed within two days, a third of
 * those rated; 20 agents in 4 teams, two environments. The conversation rows carry what the
 * message path records for reports (first_reply_at, first_reply_agent_id, closed_at).
 */
export async function seedReportTenant(
  sql: Sql,
  messages: number,
  to = new Date().toISOString().slice(0, 10),
): Promise<ReportTenant> {
  const organizationId = crypto.randomUUID();
  const environmentIds: [string, string] = [crypto.randomUUID(), crypto.randomUUID()];
  const conversations = Math.max(1, Math.floor(messages / PER_CONVERSATION));
  const from = new Date(Date.parse(to) - 364 * DAY_MS).toISOString().slice(0, 10);
  await sql.begin(async (tx) => {
    // The same figures every run with the same size.
    await tx`select setseed(0.42)`;
    await tx`insert into organizations (id, name) values (${organizationId}, 'Reports bench')`;
    for (const [i, id] of environmentIds.entries()) {
      await tx`
        insert into environments (id, organization_id, name, plugin_key, identity_secret)
        values (${id}, ${organizationId}, ${i === 0 ? 'Production' : 'Staging'}, ${`pk_${id}`}, 's')`;
    }
    await tx`
      insert into agents (id, organization_id, email, name, role, status)
      select gen_random_uuid(), ${organizationId}, 'agent-' || i || '-' || ${organizationId} || '@bench.example',
        'Agent ' || lpad(i::text, 2, '0'), 'agent', 'active'
      from generate_series(1, ${AGENTS}) i`;
    await tx`
      insert into teams (id, organization_id, name)
      select gen_random_uuid(), ${organizationId}, 'Team ' || i from generate_series(1, ${TEAMS}) i`;
    await tx`
      insert into team_members (team_id, agent_id)
      select t.id, a.id
      from (select id, row_number() over (order by id) n from teams where organization_id = ${organizationId}) t,
        (select id, row_number() over (order by id) n from agents where organization_id = ${organizationId}) a
      where a.n % ${TEAMS} = t.n - 1`;
    await tx`
      create temp table bench_conversations on commit drop as
      select i, gen_random_uuid() as id, gen_random_uuid() as contact_id,
        case when i % 2 = 0 then ${environmentIds[0]}::uuid else ${environmentIds[1]}::uuid end
          as environment_id,
        at, at + make_interval(secs => power(random(), 3) * 7200) as first_reply_at,
        case when i % 10 <> 0 then at + make_interval(secs => 600 + power(random(), 2) * 172800) end
          as closed_at
      from (
        select i, (${from}::date)::timestamp at time zone 'UTC' + make_interval(
          days => floor(random() * 365)::int,
          secs => case when random() < 0.8 then (8 + random() * 10) * 3600 else random() * 86400 end
        ) as at
        from generate_series(0, ${conversations - 1}) i
      ) g`;
    await tx`
      insert into contacts (id, organization_id, environment_id, name)
      select contact_id, ${organizationId}, environment_id, 'Visitor' from bench_conversations`;
    await tx`
      insert into conversations (id, organization_id, environment_id, contact_id, status,
        assignee_id, team_id, last_seq, created_at, updated_at, first_reply_at,
        first_reply_agent_id, closed_at)
      select c.id, ${organizationId}, c.environment_id, c.contact_id,
        case when c.closed_at is null then 'open' else 'closed' end,
        a.ids[1 + c.i % ${AGENTS}], t.ids[1 + c.i % ${TEAMS}], ${PER_CONVERSATION}, c.at,
        coalesce(c.closed_at, c.at), c.first_reply_at, a.ids[1 + (c.i / 7) % ${AGENTS}],
        c.closed_at
      from bench_conversations c,
        (select array_agg(id order by id) ids from agents where organization_id = ${organizationId}) a,
        (select array_agg(id order by id) ids from teams where organization_id = ${organizationId}) t`;
    await tx`
      insert into messages (id, organization_id, conversation_id, seq, sender_type, sender_id,
        body, created_at)
      select gen_random_uuid(), ${organizationId}, c.id, s,
        case when s % 2 = 1 then 'visitor' else 'agent' end,
        case when s % 2 = 1 then c.contact_id::text else v.first_reply_agent_id::text end,
        'Message ' || s || ' of a benchmark conversation',
        case when s = 1 then c.at else c.first_reply_at + (s - 2) * interval '2 minutes' end
      from bench_conversations c join conversations v on v.id = c.id,
        generate_series(1, ${PER_CONVERSATION}) s`;
    await tx`
      insert into conversation_ratings (conversation_id, organization_id, environment_id, score,
        assignee_id, first_rated_at, rated_at)
      select v.id, v.organization_id, v.environment_id, 1 + floor(random() * 5)::int,
        v.assignee_id, v.closed_at + interval '5 minutes', v.closed_at + interval '5 minutes'
      from bench_conversations c join conversations v on v.id = c.id
      where c.closed_at is not null and c.i % 3 = 0`;
  });
  // As autovacuum leaves a table that has settled: statistics, and the visibility map that lets
  // the report indexes answer alone.
  for (const table of ['conversations', 'conversation_ratings', 'messages']) {
    await sql.unsafe(`vacuum analyze ${table}`);
  }
  return {
    organizationId,
    environmentIds,
    from,
    to,
    conversations,
    messages: conversations * PER_CONVERSATION,
  };
}
