// A second test reporter, on stderr: one line when a test file starts and one when it ends, as it
// happens. The TAP reporter on stdout prints files in the order given, so a file that never ends
// would hide which one it is; these lines name it, and how long each file took.
import { relative } from 'node:path';

const started = new Map();

function name(file) {
  return relative(process.cwd(), file);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

export default async function* progress(source) {
  for await (const ev of source) {
    const data = ev.data;
    // Only the per-file tests: the runner names them by their path, at nesting 0.
    if (!data || data.nesting !== 0 || !data.file || data.name !== data.file) continue;
    if (ev.type === 'test:dequeue') {
      started.set(data.file, Date.now());
      yield `[tests] started  ${name(data.file)}\n`;
    } else if (ev.type === 'test:complete') {
      const t0 = started.get(data.file) ?? Date.now();
      started.delete(data.file);
      const verdict = data.details?.passed === false ? 'FAILED ' : 'done   ';
      yield `[tests] ${verdict} ${name(data.file)} in ${seconds(Date.now() - t0)}\n`;
    }
  }
}
