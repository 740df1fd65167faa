/** What the signed-in frame says: the navigation, presence and the agent's own menu. */
export default {
  main: 'Main',
  inbox: 'Inbox',
  mentions: 'Mentions',
  reports: 'Reports',
  settings: 'Settings',
  system: 'System',
  search: 'Search',
  searchHint: 'Search (/ or Ctrl+K)',
  withUnread: '{label} ({badge} unread)',
  unread: 'unread',
  logOut: 'Log out',
  language: 'Language',
  team: 'Team',
  teammate: '{name} · {presence, select, online {online} away {away} other {offline}}',
  online: 'Online',
  away: 'Away',
  statusFailed: 'Could not change your status: {error}',
  statusTitle:
    'You are {status, select, online {online} other {away}}. Click to set {next, select, online {online} other {away}}.',
  notSaved: 'Not saved · ',
} as const;
