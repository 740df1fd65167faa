// A tenant backend with an environment's API key: its open conversations, their messages, a reply.
import { createAdminClient, unwrap } from '@fast-light-chat/admin';

const { CHAT_URL, API_KEY, API_SECRET } = process.env;
const admin = createAdminClient({ baseUrl: CHAT_URL, apiKey: API_KEY, apiSecret: API_SECRET });

// Every call answers { data, error, response }; unwrap() answers data or throws an AdminApiError.
const { items } = await unwrap(
  admin.GET('/v1/conversations', { params: { query: { status: 'open', limit: 10 } } }),
);
console.log(`${items.length} open conversation(s)`);
for (const { id } of items) {
  const page = await unwrap(
    admin.GET('/v1/conversations/{id}/messages', { params: { path: { id } } }),
  );
  for (const m of page.items) console.log(`${id} #${m.seq} ${m.sender.type}: ${m.body}`);
}

const [first] = items;
if (first) {
  // An API key writes as a bot. The cid makes a retry safe: sent again, it answers the first.
  const reply = await unwrap(
    admin.POST('/v1/conversations/{id}/messages', {
      params: { path: { id: first.id } },
      body: { body: 'Thanks, we are on it.', cid: `crm-reply-${first.id}` },
    }),
  );
  console.log(`replied as ${reply.sender.type}, seq ${reply.seq}`);
}
