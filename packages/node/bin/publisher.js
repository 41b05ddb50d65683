#!/usr/bin/env node
// The `publisher` command-line tool (docs/cli.md), compiled.
import '../dist/cli.js';
