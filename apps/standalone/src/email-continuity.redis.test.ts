import { serviceUrl } from '@flc/storage/testing';
import { emailContinuitySuite } from './testing/email-continuity.ts';

// With REDIS_URL: replies are appended to Redis and scheduled by the persister workers that
// store them behind the bus; the process's reply mailer sends them all the same.
const redis = serviceUrl('redis');
if (redis) emailContinuitySuite(' with REDIS_URL', { REDIS_URL: redis });
