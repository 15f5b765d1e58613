import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfTokenMatches, newCsrfToken, takeCsrfToken } from '../../../src/session/csrf.js';

test('tokens are 64 hex characters and differ', () => {
  const a = newCsrfToken();
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.notEqual(a, newCsrfToken());
});

test('token from the query string', () => {
  assert.equal(takeCsrfToken({ query: { csrftoken: 'q' }, body: undefined, headers: {} }), 'q');
});

test('token from a form or JSON body is taken and removed from the body', () => {
  const req = { query: {}, body: { csrftoken: 'b', action: { perform: 'hold' } }, headers: {} };
  assert.equal(takeCsrfToken(req), 'b');
  assert.deepEqual(req.body, { action: { perform: 'hold' } });
});

test('token from the X-CSRF-Token header', () => {
  assert.equal(takeCsrfToken({ query: {}, body: null, headers: { 'x-csrf-token': 'h' } }), 'h');
});

test('the query wins over the body, as Sinatra params; the body key is removed anyway', () => {
  const req = { query: { csrftoken: 'q' }, body: { csrftoken: 'b' }, headers: { 'x-csrf-token': 'h' } };
  assert.equal(takeCsrfToken(req), 'q');
  assert.deepEqual(req.body, {});
});

test('no token anywhere, or a non-string one, is undefined', () => {
  assert.equal(takeCsrfToken({ query: {}, body: { csrftoken: 5 }, headers: {} }), undefined);
  assert.equal(takeCsrfToken({ query: { csrftoken: ['a', 'b'] }, body: undefined, headers: {} }), undefined);
});

test('comparison', () => {
  assert.equal(csrfTokenMatches('abc', 'abc'), true);
  assert.equal(csrfTokenMatches('abc', 'abd'), false);
  assert.equal(csrfTokenMatches('abc', 'abcd'), false);
  assert.equal(csrfTokenMatches('abc', undefined), false);
  assert.equal(csrfTokenMatches('', ''), false, 'a session without a token accepts nothing');
});
