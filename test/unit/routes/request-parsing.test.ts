import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBasicAuth } from '../../../src/routes/basic-auth.js';
import { parseFormBody } from '../../../src/routes/form-body.js';
import { cgiEscape } from '../../../src/auth/opennebula-auth.js';
import { escapeHtml, renderIndex } from '../../../src/routes/ui.js';
import { vncWss } from '../../../src/routes/user-config.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

test('Basic credentials: UTF-8, split at the first colon', () => {
  assert.deepEqual(parseBasicAuth(`Basic ${b64('demo:pa:ss')}`), { user: 'demo', password: 'pa:ss' });
  assert.deepEqual(parseBasicAuth(`basic ${b64('åsa:lösen')}`), { user: 'åsa', password: 'lösen' });
  assert.equal(parseBasicAuth(undefined), null);
  assert.equal(parseBasicAuth(`Bearer ${b64('a:b')}`), null);
  assert.equal(parseBasicAuth(`Basic ${b64('nocolon')}`), null);
});

test('CGI.escape as Ruby: unreserved kept, space as +, UTF-8 bytes percent-encoded', () => {
  assert.equal(cgiEscape('a-b_c.d~e'), 'a-b_c.d~e');
  assert.equal(cgiEscape('john doe'), 'john+doe');
  assert.equal(cgiEscape('a:b/c@d'), 'a%3Ab%2Fc%40d');
  assert.equal(cgiEscape('é'), '%C3%A9');
  assert.equal(cgiEscape("!*'()"), '%21%2A%27%28%29');
});

test('form bodies: last repeated key wins; a JSON object body is JSON', () => {
  assert.deepEqual(
    { ...parseFormBody('remember=true&a=1&a=2&csrftoken=x+y') },
    {
      remember: 'true',
      a: '2',
      csrftoken: 'x y',
    },
  );
  assert.deepEqual(parseFormBody('{"action":{"perform":"hold"},"csrftoken":"t"}'), {
    action: { perform: 'hold' },
    csrftoken: 't',
  });
  assert.deepEqual({ ...parseFormBody('{notjson=1') }, { '{notjson': '1' });
});

test('the page placeholders are filled HTML-escaped', () => {
  assert.equal(escapeHtml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  const html = '<meta content="__SUNSTONE_CSRF__"><a href="__SUNSTONE_BASE__/x">__SUNSTONE_BASE__</a>';
  assert.equal(
    renderIndex(html, 'tok"', '/s&t'),
    '<meta content="tok&quot;"><a href="/s&amp;t/x">/s&amp;t</a>',
  );
});

test('vnc_wss is "yes" for true, yes and only', () => {
  for (const v of ['yes', 'only', 'true', true, 'YES']) assert.equal(vncWss(v), 'yes', String(v));
  for (const v of ['no', 'false', false, '']) assert.equal(vncWss(v), 'no', String(v));
});
