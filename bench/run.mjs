// Benchmark runner (npm run bench [names...]): runs the scenarios by name, each measuring its own
// baseline in the same run, and prints a table and the JSON of the results.
import { cpus, totalmem } from 'node:os';
import * as memory from './memory.bench.mjs';
import * as vmInfo from './vm-info.bench.mjs';
import * as vmPool from './vm-pool.bench.mjs';

const ALL = [vmInfo, vmPool, memory];
const wanted = process.argv.slice(2);
const chosen = wanted.length ? ALL.filter((s) => wanted.includes(s.name)) : ALL;
if (chosen.length === 0) {
  console.error(`unknown scenario; choose from: ${ALL.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const rows = [];
for (const s of chosen) {
  process.stderr.write(`running ${s.name} ...\n`);
  rows.push(...(await s.run()));
}
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(`\nsunstone-server benchmarks, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
console.log('| scenario | floor (same run) | server | ratio | target | met |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.scenario} | ${r.floor} | ${r.server} | ${r.ratio.toFixed(2)} | ${r.target} | ${r.ok ? 'yes' : 'no'} |`,
  );
}
console.log('\n' + JSON.stringify({ date: new Date().toISOString(), machine, results: rows }, null, 2));
