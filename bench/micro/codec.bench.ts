// The XML-RPC codec on oned-sized answers: ms per MB to decode a pool page (1.4 MB on the wire,
// ~300,000 entities) and a whole 20,000-VM answer, the sliced decoder used for large answers, and
// small calls per second (encodeCall + decodeResponse of a 3-element answer).
// Run: node --import tsx bench/micro/codec.bench.ts
import { decodeResponse, encodeCall, encodeResponse } from '../../src/one/codec.js';
import { decodeTagSlices, splitLargeStringAnswer } from '../../src/one/large-answer.js';
import { fullVmXml, vmPoolXml } from './vm-fixture.js';

const MB = 1024 * 1024;

/** Median of `runs` timings of fn, in ms. */
function median(runs: number, fn: () => void): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function row(label: string, ms: number, bytes: number): void {
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / (bytes / MB)).toFixed(2).padStart(7)} ms/MB`,
  );
}

const page = encodeResponse([true, vmPoolXml(0, 200), 0]);
row(
  `decodeResponse, page of 200 VMs (${(page.length / MB).toFixed(2)} MB)`,
  median(15, () => decodeResponse(page)),
  page.length,
);

const whole = encodeResponse([true, vmPoolXml(0, 20_000), 0]);
row(
  `decodeResponse, 20,000 VMs (${(whole.length / MB).toFixed(0)} MB)`,
  median(3, () => decodeResponse(whole)),
  whole.length,
);

let longestSlice = 0;
const sliced = median(3, () => {
  const split = splitLargeStringAnswer(whole);
  if (!split) throw new Error('large answer not recognised');
  const it = decodeTagSlices(whole, split.start, split.end, 256 * 1024);
  for (;;) {
    const t0 = performance.now();
    if (it.next().done) break;
    longestSlice = Math.max(longestSlice, performance.now() - t0);
  }
});
row('split + decodeTagSlices, 20,000 VMs', sliced, whole.length);
console.log(`${'  longest single slice'.padEnd(44)} ${longestSlice.toFixed(1).padStart(8)} ms`);

const small = encodeResponse([true, fullVmXml(7), 0]);
const n = 20_000;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  encodeCall('one.vm.info', ['oneadmin:0123456789abcdef', i]);
  decodeResponse(small);
}
const ms = performance.now() - t0;
console.log(
  `${'encodeCall + decodeResponse, one VM (5 KB)'.padEnd(44)} ${((n / ms) * 1000).toFixed(0).padStart(8)} calls/s`,
);
