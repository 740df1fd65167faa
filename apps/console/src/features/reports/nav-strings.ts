/** The Reports words the main bundle carries (the navigation, the page's loading state); the page's own are in strings.ts, loaded with it. */
export const reportNavStrings = {
  nav: 'Reports',
  loading: 'Loading the reports',
} as const;
