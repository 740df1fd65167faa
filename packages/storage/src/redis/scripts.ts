import type { Redis } from 'ioredis';

/**
 * Every Lua script the platform runs, in one place. They are defined on each command connection
 * when it opens (a client auto-pipelining the commands of one tick cannot learn a script defined
 * later in that tick), and each touches the keys of one partition only, so it runs on a cluster.
 */
/**
 * The append as one Lua script, so the cid check, the seq, the stream entry and the live
 * publication are one atomic step on the server. Every key and channel it touches is in the
 * conversation's partition (one hash tag), so it runs on Redis Cluster as on one server.
 *
 * KEYS: seq, cids (current generation), cids (previous generation), partition stream, visible
 * ARGV: cid, frame head, frame tail, topic key, organization id, stream MAXLEN,
 *       cid TTL seconds, cids per generation, initial seq ('' = none, '?' = ask the caller),
 *       conversation channel, partition bell channel, kind ('note' or ''),
 *       initial visible seq (with an initial seq: the last stored seq that is not a note),
 *       request id ('' = none; else kept as the entry's `r` field, for the persister's logs),
       traceparent ('' = none, as when tracing is off; else the entry's `t` field)
 *
 * Returns `{seq, prevSeq}` (prevSeq -1 when the frame has none); the first frame (string) when
 * the cid was already appended; or nil when ARGV[9] is '?' and the seq key is missing: the
 * caller then asks its store for the conversation's heads and runs the script again with them,
 * SET NX so a concurrent caller's value is not overwritten.
 *
 * The visible key holds the last seq that is not a note, and exists only while the newest
 * message is a note: a note sets it (to the seq before it) when it is missing, and the next
 * message takes it as its `prevSeq` (spliced into the frame after `seq`) and deletes it. So a
 * conversation without notes costs one GET more per append and no key more.
 *
 * The frame is published (SPUBLISH) in the same step, so the nodes following the conversation
 * receive its messages in seq order whoever appended them; and the partition's bell rings, so
 * the group readers holding the partition read it soon (they read only partitions that rang).
 *
 * The cids of a conversation live in two hash generations: when the current one is full it
 * becomes the previous one (dropping the older), so a busy conversation remembers between one
 * and two generations of recent cids instead of every cid it ever saw.
 */
const appendScript = `
local first = redis.call('HGET', KEYS[2], ARGV[1]) or redis.call('HGET', KEYS[3], ARGV[1])
if first then return first end
if ARGV[9] == '?' then
  if redis.call('EXISTS', KEYS[1]) == 0 then return false end
elseif ARGV[9] ~= '' then
  if redis.call('SET', KEYS[1], ARGV[9], 'NX') and ARGV[13] ~= '' and ARGV[13] ~= ARGV[9] then
    redis.call('SET', KEYS[5], ARGV[13])
  end
end
local seq = redis.call('INCR', KEYS[1])
local prev = -1
if ARGV[12] == 'note' then
  if redis.call('EXISTS', KEYS[5]) == 0 then redis.call('SET', KEYS[5], seq - 1) end
else
  local visible = redis.call('GET', KEYS[5])
  if visible then
    redis.call('DEL', KEYS[5])
    if tonumber(visible) < seq - 1 then prev = tonumber(visible) end
  end
end
local frame = ARGV[2] .. seq .. ARGV[3]
if prev >= 0 then frame = ARGV[2] .. seq .. ',"prevSeq":' .. prev .. ARGV[3] end
local entry = {'XADD', KEYS[4], 'MAXLEN', '~', ARGV[6], '*', 'k', ARGV[4], 'o', ARGV[5], 'm', frame}
if ARGV[14] ~= '' then table.insert(entry, 'r'); table.insert(entry, ARGV[14]) end
if ARGV[15] and ARGV[15] ~= '' then table.insert(entry, 't'); table.insert(entry, ARGV[15]) end
redis.call(unpack(entry))
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[8]) then
  redis.call('RENAME', KEYS[2], KEYS[3])
end
redis.call('HSET', KEYS[2], ARGV[1], frame)
redis.call('EXPIRE', KEYS[2], ARGV[7])
redis.call('SPUBLISH', ARGV[10], frame)
redis.call('SPUBLISH', ARGV[11], '')
return {seq, prev}
`;

/**
 * Holds the lease if it is free or already ours (renewing it); 1 when held, 0 when another holds it.
 * KEYS: lease. ARGV: member, lease ms.
 */
const holdScript = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** Deletes the lease if it is ours. KEYS: lease. ARGV: member. */
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Runs a command with a subcommand (`XGROUP CREATE key …`, `XINFO GROUPS key`) on the node that
 * serves `key`. The client cannot route these by themselves: their key is not at a fixed
 * position, so a cluster client would send them anywhere. A script declaring the key is routed
 * by it, and runs the command there.
 */
const keyedScript = `return redis.call(ARGV[1], ARGV[2], KEYS[1], unpack(ARGV, 3))`;

/**
 * Rate limits (GCRA, see `gcraTake` in core), on the server's clock so every process agrees.
 * KEYS: the key's theoretical arrival time (ms). ARGV: ms per slot, period ms.
 * Take: 0 when taken, else the ms to wait. Give back: moves the time back one slot.
 */
const rateTakeScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot, period = tonumber(ARGV[1]), tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local nextTat = tat + slot
if nextTat - now > period then return math.max(1, math.ceil(nextTat - now - period)) end
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.max(1, math.ceil(nextTat - now)))
return 0
`;

/** As many of ARGV[3] slots as fit now (see gcraTakeUpTo): how many were taken. */
const rateTakeUpToScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot, period, n = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local taken = math.min(n, math.floor((now + period - tat) / slot + 1e-9))
if taken <= 0 then return 0 end
local nextTat = tat + taken * slot
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.max(1, math.ceil(nextTat - now)))
return taken
`;

/**
 * A month's messages of one organization (see MonthlyCounter): up to ARGV[2] of what is left
 * under ARGV[1], added at once; -1 when nobody has started the month's count yet.
 */
const monthTakeScript = `
local used = redis.call('GET', KEYS[1])
if not used then return -1 end
local taken = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - tonumber(used))
if taken <= 0 then return 0 end
redis.call('INCRBY', KEYS[1], taken)
return taken
`;

const rateGiveBackScript = `
local tat = tonumber(redis.call('GET', KEYS[1]))
if not tat then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local back = tat - tonumber(ARGV[1])
if back <= now then return redis.call('DEL', KEYS[1]) end
redis.call('SET', KEYS[1], tostring(back), 'PX', math.max(1, math.ceil(back - now)))
return 1
`;

type Arg = string | number;

/** The scripts as commands of a connection (KEYS first, then ARGV). */
export interface ScriptCommands {
  flcAppend(...args: Arg[]): Promise<[number, number] | string | null>;
  flcHoldLease(lease: string, member: string, ms: number): Promise<number>;
  flcReleaseLease(lease: string, member: string): Promise<number>;
  flcKeyed(key: string, command: string, subcommand: string, ...rest: Arg[]): Promise<unknown>;
  flcRateTake(key: string, slotMs: number, periodMs: number): Promise<number>;
  flcRateGiveBack(key: string, slotMs: number): Promise<number>;
  flcRateTakeUpTo(key: string, slotMs: number, periodMs: number, n: number): Promise<number>;
  flcMonthTake(key: string, limit: number, n: number): Promise<number>;
}

/** Their names, as commands of a connection. */
export const scriptNames: readonly (keyof ScriptCommands)[] = [
  'flcAppend',
  'flcHoldLease',
  'flcReleaseLease',
  'flcKeyed',
  'flcRateTake',
  'flcRateGiveBack',
  'flcRateTakeUpTo',
];

export function defineScripts(connection: Pick<Redis, 'defineCommand'>): void {
  connection.defineCommand('flcAppend', { numberOfKeys: 5, lua: appendScript });
  connection.defineCommand('flcHoldLease', { numberOfKeys: 1, lua: holdScript });
  connection.defineCommand('flcReleaseLease', { numberOfKeys: 1, lua: releaseScript });
  connection.defineCommand('flcKeyed', { numberOfKeys: 1, lua: keyedScript });
  connection.defineCommand('flcRateTake', { numberOfKeys: 1, lua: rateTakeScript });
  connection.defineCommand('flcRateGiveBack', { numberOfKeys: 1, lua: rateGiveBackScript });
  connection.defineCommand('flcRateTakeUpTo', { numberOfKeys: 1, lua: rateTakeUpToScript });
  connection.defineCommand('flcMonthTake', { numberOfKeys: 1, lua: monthTakeScript });
}
