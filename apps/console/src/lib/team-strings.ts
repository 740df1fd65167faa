// Every word of teams and assignment (settings, the conversation's team picker), in one place
// for translation.
export const teamWords = {
  // Settings → Teams
  section: 'Teams',
  sectionDescription:
    'Group agents into teams and let new conversations go to them automatically, within each agent’s capacity.',
  card: 'Teams',
  create: 'New team',
  createTitle: 'New team',
  createSubmit: 'Create team',
  creating: 'Creating…',
  editTitle: (name: string) => `Edit “${name}”`,
  edit: 'Edit',
  editTeam: (name: string) => `Edit team ${name}`,
  save: 'Save',
  saving: 'Saving…',
  delete: 'Delete',
  deleteTeam: (name: string) => `Delete team ${name}`,
  deleteTitle: (name: string) => `Delete “${name}”?`,
  deleteConfirm: 'Delete team',
  deleteBody:
    'Its conversations leave the team and keep their agent; policies that use it go back to manual.',
  empty: 'No teams yet',
  emptyHint: 'Create teams like “Support” or “Billing” to route conversations.',
  readOnly: 'Owners and admins manage teams, capacity and the assignment policy.',
  table: 'Teams',
  columns: { name: 'Team', members: 'Members', actions: 'Actions' },
  noMembers: 'No members',
  name: 'Name',
  nameHint: 'Up to 60 characters, unique in your organization.',
  nameRequired: 'Enter a name',
  members: 'Members',
  // Capacity
  capacityCard: 'Capacity',
  capacityDescription:
    'The most open conversations each agent is given automatically. Leave empty for no limit.',
  capacityTable: 'Agent capacity',
  capacityColumns: { agent: 'Agent', capacity: 'Capacity' },
  capacityOf: (name: string) => `Capacity of ${name}`,
  unlimited: 'No limit',
  saveCapacity: (name: string) => `Save capacity of ${name}`,
  // Assignment policy
  policyCard: 'Assignment policy',
  policyDescription:
    'How new conversations of an environment find an agent: only online members of the team below their capacity are picked.',
  environment: 'Environment',
  mode: 'Mode',
  modes: {
    manual: 'Manual: agents assign themselves',
    round_robin: 'Round-robin: in turn',
    least_busy: 'Least busy: fewest open conversations',
  },
  team: 'Team',
  noTeam: 'No team',
  teamRequired: 'Choose a team for automatic assignment',
  policySaved: 'Saved',
  savePolicy: 'Save policy',
  // The conversation's team picker
  picker: 'Team',
  pickerNone: 'No team',
} as const;
