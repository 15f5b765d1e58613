import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { xmlToJson, xmlToJsonAsync } from '../../../src/one/xml-to-json.js';
import { toSunstonePrettyJson } from '../../../src/one/json-text.js';
import { SHARED, SHARED_SKIP } from '../../shared.js';

const XML2JSON = SHARED ? join(SHARED, 'reference/golden/xml2json') : '';
const cases = SHARED
  ? readdirSync(XML2JSON)
      .filter((f) => f.endsWith('.xml'))
      .map((f) => f.slice(0, -4))
      .sort()
  : [];

test(
  'golden xml2json: DOM rules give Ruby pretty_generate and generate output byte for byte',
  { skip: SHARED_SKIP },
  () => {
    assert.equal(cases.length, 25, 'every golden case is found');
    for (const name of cases) {
      const xml = readFileSync(join(XML2JSON, `${name}.xml`), 'utf8');
      const json = xmlToJson(xml);
      assert.equal(
        toSunstonePrettyJson(json),
        readFileSync(join(XML2JSON, `${name}.json`), 'utf8'),
        `${name}.json`,
      );
      assert.equal(
        JSON.stringify(json),
        readFileSync(join(XML2JSON, `${name}.compact.json`), 'utf8'),
        `${name}.compact.json`,
      );
    }
  },
);

test(
  'golden xml2json: fed in tiny slices (CR, surrogates, entities cut anywhere), same result',
  { skip: SHARED_SKIP },
  async () => {
    for (const name of cases) {
      const xml = readFileSync(join(XML2JSON, `${name}.xml`), 'utf8');
      let turns = 0;
      const json = await xmlToJsonAsync(xml, {
        sliceChars: 1024,
        yieldToLoop: async () => {
          turns++;
        },
      });
      assert.equal(JSON.stringify(json), readFileSync(join(XML2JSON, `${name}.compact.json`), 'utf8'), name);
      assert.equal(turns, Math.ceil(xml.length / 1024) - 1, `${name}: one turn between slices`);
    }
  },
);

// The same rules on hand-written documents, so they are checked without ../shared too.
test('DOM rules: root key, strings, {} for empty, arrays for repeats, CDATA and entities', () => {
  const xml =
    '<?xml version="1.0"?><!-- c --><VM a="1"><ID>7</ID><E/><F></F><G><![CDATA[]]></G>' +
    '<D><N>1</N></D><D><N>2</N></D><D/><T>a &amp; b &#233;&#x1F600;</T><C><![CDATA[x &amp; <y>]]></C>' +
    '<W>\n\t</W><S>one<!-- split -->two</S><M>t<![CDATA[c]]></M><CC><![CDATA[a]]><![CDATA[b]]></CC>' +
    '<ex:P xmlns:ex="urn:x">p</ex:P><L>a\r\nb</L><R>a&#13;b</R></VM>';
  assert.deepEqual(xmlToJson(xml), {
    VM: {
      ID: '7',
      E: {},
      F: {},
      G: '',
      D: [{ N: '1' }, { N: '2' }, {}],
      T: 'a & b é😀',
      C: 'x &amp; <y>',
      W: '\n\t',
      S: {},
      M: {},
      CC: 'ab',
      P: 'p',
      L: 'a\nb',
      R: 'a\rb',
    },
  });
});

test('DOM rules: non-adjacent repeats gather at the first position; mixed content keeps elements only', () => {
  const json = xmlToJson('<T><A>1</A><B>x</B><A>2</A><M>lead<S>1</S>tail</M><A><Z/></A></T>');
  assert.equal(JSON.stringify(json), '{"T":{"A":["1","2",{"Z":{}}],"B":"x","M":{"S":"1"}}}');
});

test('pool rules: <X></X> is "" and <X/> is {} (as Ox), text is kept whole, repeats stay arrays', () => {
  const xml =
    '<VM_POOL><VM><E></E><F/><N>  two  spaces\tand &amp; tab </N><S>first<!-- c -->second</S>' +
    '<R>web</R><R>db</R><W>\n</W><C><![CDATA[  x  ]]></C></VM></VM_POOL>';
  assert.deepEqual(xmlToJson(xml, { rules: 'pool' }), {
    VM_POOL: {
      VM: {
        E: '',
        F: {},
        N: '  two  spaces\tand & tab ',
        S: 'firstsecond',
        R: ['web', 'db'],
        W: '\n',
        C: '  x  ',
      },
    },
  });
});

test('an element named __proto__ becomes a key and leaves the prototype alone', () => {
  const json = xmlToJson(
    '<T><__proto__>x</__proto__><constructor>y</constructor><constructor>z</constructor></T>',
  );
  const t = json.T as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(t), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(t, '__proto__')?.value, 'x');
  assert.deepEqual(t.constructor, ['y', 'z']);
  assert.equal(JSON.stringify(json), '{"T":{"__proto__":"x","constructor":["y","z"]}}');
});

test('malformed documents fail with SUN_ERR_ONE_XML_PARSE naming the document', async () => {
  for (const bad of ['<VM><ID>1</VM>', '', 'just text', '<VM>&nbsp;</VM>', '<A/><B/>']) {
    assert.throws(
      () => xmlToJson(bad, { what: 'the answer to one.vm.info' }),
      (err: Error & { code?: string }) =>
        err.code === 'SUN_ERR_ONE_XML_PARSE' && err.message.includes('the answer to one.vm.info'),
      JSON.stringify(bad),
    );
  }
  await assert.rejects(
    xmlToJsonAsync(`<VM>${'<A>1</A>'.repeat(1000)}<B></VM>`, {
      sliceChars: 1024,
      yieldToLoop: async () => {},
    }),
    { code: 'SUN_ERR_ONE_XML_PARSE' },
  );
});

test('xmlToJsonAsync gives the event loop a turn between slices of a long document', async () => {
  const xml = `<VM_POOL>${'<VM><ID>1</ID><NAME>n</NAME></VM>'.repeat(2000)}</VM_POOL>`;
  let turns = 0;
  const json = await xmlToJsonAsync(xml, {
    rules: 'pool',
    sliceChars: 4096,
    yieldToLoop: async () => void turns++,
  });
  assert.equal(((json.VM_POOL as Record<string, unknown>).VM as unknown[]).length, 2000);
  assert.ok(turns >= Math.floor(xml.length / 4096) - 1, `turns ${turns}`);
});
