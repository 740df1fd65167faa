import { emailContinuitySuite } from './testing/email-continuity.ts';

// The embedded profile: the memory bus, each reply scheduled as it is written through.
emailContinuitySuite('');
