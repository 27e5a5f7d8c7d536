#!/bin/sh
":" //; exec node --v8-pool-size=0 "$0" "$@"
// Launcher of the bundled CLI (dist/app/, built by `npm install` through `prepare`). Run as a
// program (`paperpost`, `bin/paperpost.js`), the shell line above starts Node with
// --v8-pool-size=0, a Node.js option: V8's background threads (compiling, collecting garbage)
// sized to the machine's CPUs instead of Node's fixed four, which on a 2-core machine take the
// run's own core away while it groups its first batch (README "Figures"). In Node, that line is
// a string and a comment: `node bin/paperpost.js` runs the same CLI without the option.
import { launch } from '../dist/app/launch.js';

launch(process.argv);
