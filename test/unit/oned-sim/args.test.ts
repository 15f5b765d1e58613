import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSimOptions, parseSimArgs } from '../../../src/oned-sim/args.js';

test('parses every option, in --opt value and --opt=value forms', () => {
  assert.deepEqual(
    parseSimArgs([
      '--port',
      '0',
      '--vms=20000',
      '--seed',
      '7',
      '--speed',
      '0',
      '--write-auth',
      '/tmp/a',
      '--latency',
      '5',
      '--keep-alive',
      '--no-scheduler',
      '--host',
      '::1',
    ]),
    {
      port: 0,
      vms: 20000,
      seed: 7,
      speed: 0,
      writeAuth: '/tmp/a',
      latencyMs: 5,
      keepAlive: true,
      scheduler: false,
      host: '::1',
    },
  );
  assert.deepEqual(parseSimArgs([]), {});
  assert.deepEqual(parseSimArgs(['--help']), { help: true });
});

test('bad values and unknown options name the option and what is expected', () => {
  assert.throws(
    () => parseSimArgs(['--port', 'x']),
    (e: { code: string; message: string }) =>
      e.code === 'SUN_ERR_SIM_ARGS' &&
      /--port expects a whole number from 0 to 65535, got "x"/.test(e.message),
  );
  assert.throws(() => parseSimArgs(['--port', '70000']), /--port expects/);
  assert.throws(() => parseSimArgs(['--vms']), /--vms expects a whole number/);
  assert.throws(() => parseSimArgs(['--speed', '-1']), /--speed expects a number >= 0/);
  assert.throws(() => parseSimArgs(['--write-auth']), /--write-auth expects a file name/);
  assert.throws(() => parseSimArgs(['--frobnicate']), /unknown option "--frobnicate" for oned-sim/);
  assert.throws(() => checkSimOptions({ vms: 1.5 }), /option vms must be a whole number/);
  assert.throws(() => checkSimOptions({ speed: Number.NaN }), /option speed must be a number >= 0/);
});
