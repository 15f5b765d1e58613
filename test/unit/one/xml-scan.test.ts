import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { FastXmlScanner, type ScanStatus } from '../../../src/one/xml-scan.js';
import type { XmlEventSink } from '../../../src/one/xml-tree.js';
import { SHARED_SKIP } from '../../shared.js';
import { mutations, referenceDocs, simulatorDocs } from './xml-docs.js';

type Event = [string, string?];

/**
 * Records events the way the tree builder sees them: nothing outside the root element, and runs of
 * text (or of CDATA) as one, since the builder merges them as libxml2 does.
 */
class Recorder implements XmlEventSink {
  readonly events: Event[] = [];
  #depth = 0;
  open(name: string, selfClosing: boolean): void {
    this.#depth++;
    this.events.push([selfClosing ? 'empty' : 'open', name]);
  }
  text(t: string): void {
    this.#chars('text', t);
  }
  cdata(t: string): void {
    this.#chars('cdata', t);
  }
  other(): void {
    if (this.#depth > 0) this.events.push(['other']);
  }
  close(): void {
    this.#depth--;
    this.events.push(['close']);
  }
  leafText(name: string, t: string): void {
    this.open(name, false);
    this.text(t);
    this.close();
  }
  leafCdata(name: string, t: string): void {
    this.open(name, false);
    this.cdata(t);
    this.close();
  }
  #chars(kind: string, t: string): void {
    if (this.#depth === 0) return;
    const last = this.events[this.events.length - 1];
    if (last?.[0] === kind) last[1] = (last[1] ?? '') + t;
    else this.events.push([kind, t]);
  }
}

/** saxes' events for `xml`, or the error it reports. */
function saxesEvents(xml: string): Event[] | Error {
  const r = new Recorder();
  const p = new SaxesParser({ position: false });
  p.on('opentag', (t) => r.open(t.name.slice(t.name.indexOf(':') + 1), t.isSelfClosing));
  p.on('text', (t) => r.text(t));
  p.on('cdata', (t) => r.cdata(t));
  p.on('comment', () => r.other());
  p.on('processinginstruction', () => r.other());
  p.on('closetag', () => r.close());
  try {
    p.write(xml);
    p.close();
  } catch (err) {
    return err as Error;
  }
  return r.events;
}

function fastEvents(xml: string, budget = xml.length): { status: ScanStatus; events: Event[] } {
  const r = new Recorder();
  const s = new FastXmlScanner(xml, r);
  let status: ScanStatus;
  do status = s.step(budget);
  while (status === 'more');
  return { status, events: r.events };
}

/** The scanner either gives up, or gives exactly saxes' events for a document saxes accepts. */
function agrees(xml: string, label: string): ScanStatus {
  const fast = fastEvents(xml);
  if (fast.status === 'unsupported') return fast.status;
  const slow = saxesEvents(xml);
  assert.ok(!(slow instanceof Error), `${label}: scanner accepted what saxes rejects (${String(slow)})`);
  assert.deepEqual(fast.events, slow, label);
  return fast.status;
}

test('what oned writes is in the fast subset: the scanner gives saxes events for the simulator', () => {
  for (const [label, xml] of simulatorDocs()) assert.equal(agrees(xml, label), 'done', label);
});

test(
  'reference documents: the scanner gives saxes events, or hands over (never a different tree)',
  { skip: SHARED_SKIP },
  () => {
    let done = 0;
    const docs = referenceDocs();
    for (const [label, xml] of docs) if (agrees(xml, label) === 'done') done++;
    // Almost all of them are plain oned output; the odd ones (a DOCTYPE, attributes) go to saxes.
    assert.ok(done >= docs.length - 5, `${done} of ${docs.length} scanned fast`);
  },
);

test('hand-written edge cases: accepted ones match saxes; the rest are handed over', () => {
  const accepted = [
    '<A/>',
    ' \n<A>x</A>\n ',
    '<!-- c --><A>x</A><!-- d -->\n',
    '<A><![CDATA[]]></A>',
    '<A>a\r\nb\rc</A>',
    '<A><![CDATA[a\r\nb\r]]></A>',
    '<A>&#65;&#x41;&#x1F600;&lt;&gt;&amp;&quot;&apos;&#13;</A>',
    '<a:b:c>x</a:b:c>',
    '<A-B.C_1>1</A-B.C_1>',
    '<A><B>x</B>\n<C/><D><![CDATA[a]]><![CDATA[b]]>t<!---->u</D></A>',
    '<A>é 😀 \u2028 ]] ]> ></A>',
    '<A><!----></A>',
  ];
  for (const xml of accepted) assert.equal(agrees(xml, JSON.stringify(xml)), 'done', JSON.stringify(xml));
  const handedOver = [
    '',
    'text',
    '\uFEFF<A/>',
    '<?xml version="1.0"?><A/>',
    '<!DOCTYPE A><A/>',
    '<A b="1"/>',
    '<A >x</A>',
    '<A>x</A >',
    '<A><B></A>',
    '<A></A><B/>',
    '<A>x</A>t',
    '<A>a]]>b</A>',
    '<A>&nbsp;</A>',
    '<A>a&b</A>',
    '<A>&#0;</A>',
    '<A>&#xD800;</A>',
    '<A>&#X41;</A>',
    '<A>\u0001</A>',
    '<A>\uFFFE</A>',
    '<A>\uD800</A>',
    '<A><!--a--b--></A>',
    '<A><!---></A>',
    '<A><?pi x?></A>',
    '<![CDATA[x]]><A/>',
    '<A><B>',
    '<1A/>',
    '<A><',
  ];
  for (const xml of handedOver) assert.equal(fastEvents(xml).status, 'unsupported', JSON.stringify(xml));
});

test('any budget gives the same events as one pass (the scanner resumes between tokens)', () => {
  const xml = simulatorDocs()[1]?.[1] ?? '';
  const whole = fastEvents(xml);
  assert.equal(whole.status, 'done');
  for (const budget of [1, 7, 100, 4096])
    assert.deepEqual(fastEvents(xml, budget), whole, `budget ${budget}`);
});

test('mutated documents: the scanner never accepts what saxes rejects nor differs from it', () => {
  let accepted = 0;
  for (const [label, xml] of mutations(simulatorDocs()[0]?.[1] ?? '', 1500)) {
    if (agrees(xml, label) === 'done') accepted++;
  }
  assert.ok(accepted > 0, 'some mutations stay well-formed and are scanned fast');
});

/** The events of the scanner fed `slices` in sliced mode (as xml-to-json's scanSlices feeds it). */
function slicedEvents(slices: string[]): { status: ScanStatus; events: Event[] } {
  const r = new Recorder();
  const s = new FastXmlScanner(slices[0] ?? '', r, { sliced: slices.length > 1 });
  for (let i = 1; ; i++) {
    let status: ScanStatus;
    do status = s.step(1 << 20);
    while (status === 'more');
    if (status !== 'input') return { status, events: r.events };
    s.feed(slices[i] ?? '', i === slices.length - 1);
  }
}

/** `xml` cut just before every `every`-th '<' (as decodeTagSlices cuts), or at fixed offsets. */
function cutBeforeTags(xml: string, every: number): string[] {
  const out: string[] = [];
  let from = 0;
  let seen = 0;
  for (let lt = xml.indexOf('<', 1); lt > 0; lt = xml.indexOf('<', lt + 1)) {
    if (++seen % every !== 0) continue;
    out.push(xml.slice(from, lt));
    from = lt;
  }
  out.push(xml.slice(from));
  return out;
}

test('sliced mode: cut before tags, the same events as the whole document', () => {
  for (const [label, xml] of simulatorDocs()) {
    const whole = fastEvents(xml);
    for (const every of [1, 2, 7, 50]) {
      const slices = cutBeforeTags(xml, every);
      assert.deepEqual(slicedEvents(slices), whole, `${label}, cut before every ${every}th tag`);
    }
  }
});

test('sliced mode: cut anywhere, the same events as saxes or handed over, never different', () => {
  const xml = simulatorDocs()[1]?.[1] ?? '';
  const slow = saxesEvents(xml);
  assert.ok(!(slow instanceof Error));
  let accepted = 0;
  for (const size of [1, 2, 3, 5, 8, 13, 64, 333, 4096]) {
    const slices: string[] = [];
    for (let i = 0; i < xml.length; i += size) slices.push(xml.slice(i, i + size));
    const fast = slicedEvents(slices);
    if (fast.status === 'unsupported') continue;
    assert.equal(fast.status, 'done', `size ${size}`);
    assert.deepEqual(fast.events, slow, `size ${size}`);
    accepted++;
  }
  assert.ok(accepted < 9, 'cuts inside tags are handed over');
  // A document that ends inside a slice that is not the last: more input is asked for.
  assert.equal(slicedEvents(['<A>', '<B>x</B>', '</A>']).status, 'done');
  assert.equal(slicedEvents(['<A>', '<B>x</B>']).status, 'unsupported', 'the root never closes');
});
