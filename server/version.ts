import pkg from '../package.json' with { type: 'json' };

/** The node's software version, from package.json. */
export const version: string = pkg.version;
