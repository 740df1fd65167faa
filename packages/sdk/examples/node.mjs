// Node 22+ and Bun have a global WebSocket; on Node 20 run `node --experimental-websocket`.
import { createClient } from '@fast-light-chat/sdk';

const { CHAT_URL, AGENT_TOKEN, VISITOR_TOKEN, CONVERSATION_ID } = process.env;
const agent = createClient({ url: CHAT_URL, token: AGENT_TOKEN });
const visitor = createClient({ url: CHAT_URL, token: VISITOR_TOKEN });

const subscribed = new Promise((resolve) => agent.on('subscribed', resolve));
const received = new Promise((resolve) => agent.on('message', resolve));
agent.subscribe(CONVERSATION_ID);
visitor.subscribe(CONVERSATION_ID);
agent.connect();
visitor.connect();
await subscribed; // the agent is listening: live messages reach it from here on

const { ack } = visitor.send(CONVERSATION_ID, 'Hello from Node');
console.log('stored as seq', (await ack).seq);
const message = await received;
console.log(`agent received "${message.body}" from a ${message.sender.type}`);
agent.close();
visitor.close();
