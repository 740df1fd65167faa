import type { TargetName } from '../options.ts';
import { centrifugo } from './centrifugo.ts';
import { bare, socketio } from './plain.ts';
import { realtime } from './realtime.ts';
import { standalone } from './standalone.ts';
import type { Target } from './types.ts';

export const targets: Record<TargetName, Target> = {
  realtime,
  standalone,
  bare,
  socketio,
  centrifugo,
};
export type { RunningTarget, Target, TargetContext } from './types.ts';
