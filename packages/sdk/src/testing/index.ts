export { FakeClock } from './fake-clock.ts';
export { FakeOnline } from './fake-online.ts';
export { FakeSocket, fakeWebSocket } from './fake-socket.ts';
export { flush, harness, message } from './harness.ts';
