import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';

/** How many teams an organization has, and members a team has, at most. */
export const teamLimits = { perOrganization: 100, membersPerTeam: 500 } as const;

const TeamName = T.String({
  minLength: 1,
  maxLength: 60,
  pattern: '^\\S(.*\\S)?$',
  description: 'Unique in the organization, whatever the case; no space at either end',
});

export const Team = T.Object({
  id: Id,
  name: T.String({ minLength: 1, maxLength: 60 }),
  /** Its agents, by id, in id order. */
  memberIds: T.Array(Id),
  createdAt: Timestamp,
});
export type Team = Static<typeof Team>;

export const TeamCreate = T.Object({
  name: TeamName,
  memberIds: T.Optional(
    T.Array(Id, {
      maxItems: teamLimits.membersPerTeam,
      uniqueItems: true,
      description: 'Agents of the organization (422 for any other id)',
    }),
  ),
});
export type TeamCreate = Static<typeof TeamCreate>;

export const TeamPatch = T.Object({
  name: T.Optional(TeamName),
  memberIds: T.Optional(
    T.Array(Id, {
      maxItems: teamLimits.membersPerTeam,
      uniqueItems: true,
      description: 'The whole new list of members: agents of the organization',
    }),
  ),
});
export type TeamPatch = Static<typeof TeamPatch>;

export const TeamList = T.Object({ items: T.Array(Team) });
export type TeamList = Static<typeof TeamList>;

export const AssignmentMode = T.Union(
  [T.Literal('manual'), T.Literal('round_robin'), T.Literal('least_busy')],
  {
    description:
      '`manual`: agents assign; `round_robin`: the next online member with room, in turn; `least_busy`: the online member with the fewest conversations not closed',
  },
);

export const AssignmentPolicy = T.Object({
  environmentId: Id,
  mode: AssignmentMode,
  /** The team new conversations join and whose members they go to; null: none. */
  teamId: Nullable(Id),
});
export type AssignmentPolicy = Static<typeof AssignmentPolicy>;

export const AssignmentPolicyUpdate = T.Object({
  mode: AssignmentMode,
  teamId: Nullable(Id, {
    description: 'A team of the organization; required unless the mode is `manual`',
  }),
});
export type AssignmentPolicyUpdate = Static<typeof AssignmentPolicyUpdate>;

export const AgentCapacity = T.Object({
  capacity: Nullable(T.Integer({ minimum: 0, maximum: 10_000 }), {
    description: 'Most conversations not closed the agent is given automatically; null: no limit',
  }),
});
export type AgentCapacity = Static<typeof AgentCapacity>;
