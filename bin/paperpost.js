#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/app/ (built by `npm install` through `prepare`).
import { main } from '../dist/app/main.js';

main(process.argv);
