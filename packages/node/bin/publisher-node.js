#!/usr/bin/env node
// The node: `publisher-node start` (the default), `worker` or `reconcile`, compiled.
import '../dist/main.js';
