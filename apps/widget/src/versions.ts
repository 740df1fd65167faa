/**
 * Where widget.js is served, and for how long browsers keep it. `/widget.js` is always the
 * platform's current widget: fresh for a few minutes, then revalidated, so a release reaches
 * every site soon. `/widget/<version>.js` is that release's widget, and never changes: a tenant
 * who pins it decides when to move, and browsers and CDNs keep it for a year.
 */
export const WIDGET_PATH = '/widget.js';
export const WIDGET_CACHE_CONTROL = 'public, max-age=300, must-revalidate';
export const PINNED_WIDGET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The path of one release's widget, e.g. `/widget/0.1.0.js`. */
export const pinnedWidgetPath = (version: string): string => `/widget/${version}.js`;

/** A path that names some release's widget (a semver version, pre-release tag allowed). */
export const PINNED_WIDGET_PATTERN = /^\/widget\/\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\.js$/;
