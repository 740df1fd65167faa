export { FakeClock } from './fake-clock.ts';
export { FakeOnline } from './fake-online.ts';
export { FakeSocket, fakeWebSocket } from './fake-socket.ts';
