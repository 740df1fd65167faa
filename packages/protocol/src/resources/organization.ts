import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Timestamp } from './common.ts';

export const Organization = T.Object({ id: Id, name: T.String(), createdAt: Timestamp });
export type Organization = Static<typeof Organization>;
