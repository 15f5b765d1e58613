// Startup file for Phusion Passenger (PassengerStartupFile passenger.cjs, see
// config/apache-passenger.conf). Passenger's Node loader require()s this file, so it is CommonJS;
// it loads the compiled ES-module server (npm run build writes dist/) and hands over to it.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const entry = join(__dirname, 'dist', 'cli', 'passenger.js');
if (!existsSync(entry)) {
  console.error(`sunstone-server: ${entry} is missing; run "npm run build" in ${__dirname} first.`);
  process.exit(1);
}
import(pathToFileURL(entry).href)
  .then((m) => m.runUnderPassenger(process.env))
  .catch((err) => {
    const message =
      err && typeof err.code === 'string' && err.code.startsWith('SUN_ERR_') ? err.message : err && err.stack;
    console.error(`sunstone-server: ${message || String(err)}`);
    process.exit(1);
  });
