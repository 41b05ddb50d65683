#!/usr/bin/env node
// The `publisher` command. Like the node (npm start), it runs the TypeScript sources through tsx.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's own tsconfig, so the sources compile the same from whatever directory this runs in.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../server/cli/main.ts');
