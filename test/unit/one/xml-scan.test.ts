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
