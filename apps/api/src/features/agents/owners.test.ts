import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  createTestApi,
  databaseTargets,
  type Owner,
  type Reply,
  type TestApi,
} from '../../testing/harness.ts';

// The owner rules: only owners manage owners, and an organization never loses its last one.

const newEmail = () => `invitee-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** Polls a condition no event announces (another backend waiting on a lock), for up to 5 s. */
async function until(condition: () => Promise<boolean>) {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await Bun.sleep(10);
  }
}

for (const target of databaseTargets()) {
  describe(`agent owners on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const invite = (by: Owner, body: Record<string, unknown>) =>
      api.call('POST', '/v1/agents', { token: by.accessToken, body });
    const inviteAgent = async (by: Owner, role: string) => {
      const res = await invite(by, { email: newEmail(), name: 'Invitee', role });
      expect(res.status).toBe(201);
      return res.body as { agent: { id: string } };
    };
    const patch = (by: Owner, id: string, body: Record<string, unknown>) =>
      api.call('PATCH', `/v1/agents/${id}`, { token: by.accessToken, body });

    test('only an owner invites or manages owners', async () => {
      const owner = await api.signup();
      const admin = await api.addMember(owner, 'admin');
      const asOwner = await invite(admin, { email: newEmail(), name: 'O', role: 'owner' });
      expect(asOwner.status).toBe(403);
      expect(asOwner.body.error.code).toBe('forbidden');
      expect((await invite(admin, { email: newEmail(), name: 'A', role: 'admin' })).status).toBe(
        201,
      );
      const member = await api.addMember(owner, 'agent');
      expect((await patch(admin, member.agent.id, { role: 'owner' })).status).toBe(403);
      expect((await patch(admin, owner.agent.id, { status: 'disabled' })).status).toBe(403);
      expect((await patch(admin, owner.agent.id, { role: 'agent' })).status).toBe(403);
      const del = await api.call('DELETE', `/v1/agents/${owner.agent.id}`, {
        token: admin.accessToken,
      });
      expect(del.status).toBe(403);
      const invitedOwner = await inviteAgent(owner, 'owner');
      const reinvite = await api.call('POST', `/v1/agents/${invitedOwner.agent.id}/invite`, {
        token: admin.accessToken,
      });
      expect(reinvite.status).toBe(403);
      // Admins do manage admins and agents.
      expect((await patch(admin, member.agent.id, { role: 'admin' })).body.role).toBe('admin');
      expect((await patch(owner, member.agent.id, { role: 'owner' })).body.role).toBe('owner');
    });

    test('the last active owner cannot be demoted, disabled or deleted', async () => {
      const owner = await api.signup();
      const id = owner.agent.id;
      // An owner who has not accepted yet does not count.
      await inviteAgent(owner, 'owner');
      for (const body of [{ role: 'admin' }, { status: 'disabled' }]) {
        const res = await patch(owner, id, body);
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('conflict');
      }
      const token = owner.accessToken;
      expect((await api.call('DELETE', `/v1/agents/${id}`, { token })).status).toBe(409);
      expect((await patch(owner, id, { role: 'owner', status: 'active' })).status).toBe(200);

      const second = await api.addMember(owner, 'owner');
      expect((await patch(owner, id, { role: 'admin' })).body.role).toBe('admin');
      // Now `second` is the last one, and the demoted admin cannot touch it either.
      expect((await patch(second, second.agent.id, { status: 'disabled' })).status).toBe(409);
      expect((await patch(owner, second.agent.id, { role: 'agent' })).status).toBe(403);
      const del = await api.call('DELETE', `/v1/agents/${second.agent.id}`, {
        token: second.accessToken,
      });
      expect(del.status).toBe(409);
    });

    // Real PostgreSQL only: PGlite runs one transaction at a time, so it has no such race.
    if (target.name === 'postgres')
      test('two owners disabling each other at once leave exactly one active owner', async () => {
        const a = await api.signup();
        const b = await api.addMember(a, 'owner');
        const { sql } = api.deps.db;
        let answers: Promise<Reply[]> | undefined;
        // Holding both rows makes the two requests overlap: each has passed auth and waits
        // here, so without the service's organization lock both would see the other as the
        // remaining owner.
        await sql.begin(async (tx) => {
          await tx`select id from agents where id in ${tx([a.agent.id, b.agent.id])} for update`;
          answers = Promise.all([
            patch(a, b.agent.id, { status: 'disabled' }),
            patch(b, a.agent.id, { status: 'disabled' }),
          ]);
          await until(async () => {
            const [row] = await sql<{ n: number }[]>`
              select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`;
            return row?.n === 2;
          });
        });
        // The loser finds itself disabled (401) or the winner as the last owner (409).
        const statuses = (await answers)?.map((r) => r.status).sort((x, y) => x - y);
        expect(statuses?.[0]).toBe(200);
        expect([401, 409]).toContain(statuses?.[1] ?? 0);
        const owners = await sql`
          select id from agents
          where organization_id = ${a.organization.id} and role = 'owner' and status = 'active'`;
        expect(owners).toHaveLength(1);
      });
  });
}
