import pkg from '../../package.json' with { type: 'json' };

/** The `App-Version` tag (wire-format.md §4): the project's version, so readers can tell releases apart. */
export const appVersion: string = pkg.version;
