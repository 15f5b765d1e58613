import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import {
  passengerConfig,
  passengerHandle,
  runsUnderPassenger,
  runUnderPassenger,
} from '../../../src/cli/passenger.js';
import { loadConfig } from '../../../src/config/load.js';

test("Passenger is recognised by its loader's global or by IN_PASSENGER", () => {
  const handle = new EventEmitter();
  assert.equal(passengerHandle({ PhusionPassenger: handle }), handle);
  assert.equal(passengerHandle({}), null);
  assert.equal(passengerHandle({ PhusionPassenger: 'yes' }), null);
  assert.equal(runsUnderPassenger({}, { PhusionPassenger: handle }), true);
  assert.equal(runsUnderPassenger({ IN_PASSENGER: '1' }, {}), true);
  assert.equal(runsUnderPassenger({}, {}), false);
});

test('under Passenger: one process on 127.0.0.1 (Passenger ignores the address), :workers ignored with a note', () => {
  const { config: base } = loadConfig({ env: { ONE_LOCATION: '/nonexistent' }, endpointFiles: [] });
  const { config, notes } = passengerConfig({ ...base, workers: 4, host: '0.0.0.0', sessions: 'memcache' });
  assert.equal(config.workers, 1);
  assert.equal(config.host, '127.0.0.1');
  assert.ok(Object.isFrozen(config));
  assert.equal(notes.length, 1);
  assert.match(notes[0] ?? '', /:workers is 4 .* ignored under Passenger/);
});

test('memory sessions under Passenger: a note says to keep one process', () => {
  const { config: base } = loadConfig({ env: { ONE_LOCATION: '/nonexistent' }, endpointFiles: [] });
  const { notes } = passengerConfig(base);
  assert.equal(notes.length, 1);
  assert.match(notes[0] ?? '', /PassengerMaxInstancesPerApp 1/);
});

test('started outside Passenger, the startup module says how to run the server instead', async () => {
  await assert.rejects(runUnderPassenger({}), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'SUN_ERR_CLI_PASSENGER');
    assert.match(err.message, /sunstone-server run/);
    return true;
  });
});
