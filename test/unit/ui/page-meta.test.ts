import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPageMeta, signsInWithoutPassword, type MetaSource } from '../../../src/ui/page-meta.js';

/** Just enough of a Document for readPageMeta: meta elements by name. */
function page(metas: Record<string, string>): MetaSource {
  return {
    querySelector(selector) {
      const name = /^meta\[name="([^"]+)"\]$/.exec(selector)?.[1];
      const content = name === undefined ? undefined : metas[name];
      return content === undefined ? null : { getAttribute: (a) => (a === 'content' ? content : null) };
    },
  };
}

test('the login settings the server rendered: :auth and :keep_me_logged', () => {
  const meta = readPageMeta(
    page({
      'sunstone-csrf': 'tok',
      'sunstone-base': '/sunstone/',
      'sunstone-auth': 'x509',
      'sunstone-keep-me-logged': 'false',
    }),
  );
  assert.deepEqual(meta, { csrfToken: 'tok', base: '/sunstone', auth: 'x509', keepMeLogged: false });
});

test('unfilled placeholders and unknown values fall back to the config defaults', () => {
  const meta = readPageMeta(
    page({
      'sunstone-csrf': '__SUNSTONE_CSRF__',
      'sunstone-auth': '__SUNSTONE_AUTH__',
      'sunstone-keep-me-logged': '__SUNSTONE_KEEP_ME_LOGGED__',
    }),
  );
  assert.deepEqual(meta, { csrfToken: '', base: '', auth: 'opennebula', keepMeLogged: true });
  assert.equal(readPageMeta(page({ 'sunstone-auth': 'kerberos' })).auth, 'opennebula');
});

test('remote and x509 sign in without a password; opennebula and sunstone with one', () => {
  assert.deepEqual((['opennebula', 'sunstone', 'remote', 'x509'] as const).map(signsInWithoutPassword), [
    false,
    false,
    true,
    true,
  ]);
});
