// A webhook receiver on node:http (Node 20+, Bun): verify the raw body first, then act on it.
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '@fast-light-chat/admin';

const { WEBHOOK_SECRET, PORT = '3000' } = process.env;

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString('utf8'); // exactly as received: never re-serialized
  try {
    const event = await verifyWebhook({ secret: WEBHOOK_SECRET, body, headers: req.headers });
    // A retried delivery has the same event.id: drop the ones already handled.
    console.log(`verified ${event.type} ${event.id}`);
    res.writeHead(204).end();
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    console.log('refused a delivery: bad signature or stale timestamp');
    res.writeHead(400).end();
  }
});
server.listen(Number(PORT), '127.0.0.1', () =>
  console.log(`listening on ${server.address().port}`),
);
