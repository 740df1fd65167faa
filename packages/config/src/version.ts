import root from '../../../package.json' with { type: 'json' };

/** The install's version (the repository's package.json), as processes report it. */
export const platformVersion: string = root.version;
