// The same with require(), for CommonJS projects; errors checked without unwrap().
const { createAdminClient } = require('@fast-light-chat/admin');

async function main() {
  const { CHAT_URL, API_KEY, API_SECRET } = process.env;
  const admin = createAdminClient({ baseUrl: CHAT_URL, apiKey: API_KEY, apiSecret: API_SECRET });

  const { data, error, response } = await admin.GET('/v1/conversations', {
    params: { query: { status: 'open', limit: 10 } },
  });
  if (error) throw new Error(`${response.status} ${error.error.code}: ${error.error.message}`);
  console.log(`${data.items.length} open conversation(s)`);
  for (const { id } of data.items) {
    const page = await admin.GET('/v1/conversations/{id}/messages', { params: { path: { id } } });
    for (const m of page.data?.items ?? [])
      console.log(`${id} #${m.seq} ${m.sender.type}: ${m.body}`);
  }

  const [first] = data.items;
  if (first) {
    const reply = await admin.POST('/v1/conversations/{id}/messages', {
      params: { path: { id: first.id } },
      body: { body: 'Thanks, we are on it.', cid: `crm-reply-${first.id}` },
    });
    if (reply.error) throw new Error(reply.error.error.message);
    console.log(`replied as ${reply.data.sender.type}, seq ${reply.data.seq}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
