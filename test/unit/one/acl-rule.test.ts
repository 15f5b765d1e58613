import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAclRule } from '../../../src/one/acl-rule.js';

test('a rule becomes the hexadecimal strings one.acl.addrule takes', () => {
  assert.deepEqual(parseAclRule('@1 VM+NET/* USE+MANAGE #0'), ['200000001', '5400000000', '3', '100000000']);
  assert.deepEqual(parseAclRule('#5 host/%100 admin'), ['100000005', '2800000064', '4']);
  assert.deepEqual(parseAclRule('* BACKUPJOB+VNTEMPLATE/@7 CREATE *'), [
    '400000000',
    '140000200000007',
    '8',
    '400000000',
  ]);
  // Runs of blanks separate components, as Ruby's split(" ").
  assert.deepEqual(parseAclRule('  #1   ZONE/*  USE '), ['100000001', '800400000000', '1']);
});

test('malformed rules are a 400 listing every bad component in the OCA wording', () => {
  assert.throws(() => parseAclRule('@1 VM/*'), {
    code: 'SUN_ERR_ONE_ACL_RULE',
    statusCode: 400,
    message: 'String needs three components: User, Resource, Rights',
  });
  assert.throws(() => parseAclRule('x1 VM+FOO/* USE+PLAY'), {
    message: "ID string 'x1' malformed, Resource 'FOO' does not exist, Right 'PLAY' does not exist",
  });
  assert.throws(() => parseAclRule('#1 VM USE'), { message: "Resource 'VM' malformed" });
});
