import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onePaths } from '../../../src/config/paths.js';

test('without ONE_LOCATION the packaged system-wide paths are used', () => {
  assert.deepEqual(onePaths({}), {
    oneLocation: null,
    log: '/var/log/one',
    var: '/var/lib/one',
    etc: '/etc/one',
    share: '/usr/share/one',
    sunstoneAuth: '/var/lib/one/.one/sunstone_auth',
    configFile: '/etc/one/sunstone-server.conf',
    sunstoneLog: '/var/log/one/sunstone.log',
    vms: '/var/lib/one/vms',
  });
});

test('with ONE_LOCATION everything lives under it, and the log goes to VAR', () => {
  assert.deepEqual(onePaths({ ONE_LOCATION: '/opt/one' }), {
    oneLocation: '/opt/one',
    log: '/opt/one/var',
    var: '/opt/one/var',
    etc: '/opt/one/etc',
    share: '/opt/one/share',
    sunstoneAuth: '/opt/one/var/.one/sunstone_auth',
    configFile: '/opt/one/etc/sunstone-server.conf',
    sunstoneLog: '/opt/one/var/sunstone.log',
    vms: '/opt/one/var/vms',
  });
});

test('a trailing slash on ONE_LOCATION does not double up', () => {
  const p = onePaths({ ONE_LOCATION: '/opt/one//' });
  assert.equal(p.oneLocation, '/opt/one');
  assert.equal(p.configFile, '/opt/one/etc/sunstone-server.conf');
});

test('an empty ONE_LOCATION counts as unset', () => {
  assert.equal(onePaths({ ONE_LOCATION: '' }).configFile, '/etc/one/sunstone-server.conf');
});
