// The deployment files in config/ stay usable: each {{PLACEHOLDER}} is explained in the file's own
// header, each file is exercised by a test, and the systemd unit passes systemd-analyze verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_DIR, placeholders, renderConfigFile } from '../helpers/config-template.js';

const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const ROOT = join(CONFIG_DIR, '..');
const FILES = readdirSync(CONFIG_DIR).filter((f) => statSync(join(CONFIG_DIR, f)).isFile());

function testSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testSources(p));
    else if (name.endsWith('.ts')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

test('every placeholder of a config/ file is explained in its header comments', () => {
  assert.ok(FILES.length >= 4, `config/ has ${FILES.join(', ')}`);
  for (const file of FILES) {
    const text = readFileSync(join(CONFIG_DIR, file), 'utf8');
    const comments = text
      .split('\n')
      .filter((l) => l.trimStart().startsWith('#'))
      .join('\n');
    for (const name of placeholders(text)) {
      assert.ok(
        comments.includes(`{{${name}}}`),
        `config/${file}: {{${name}}} is not explained in its comments`,
      );
    }
  }
});

test('every config/ file is run by a test (a shipped example nobody runs rots)', () => {
  const sources = testSources(join(ROOT, 'test'));
  for (const file of FILES) {
    assert.ok(
      sources.some((s) => s.includes(`'${file}'`)),
      `config/${file} is not used by any test under test/`,
    );
  }
});

test('the systemd unit runs the real CLI, reloads with SIGHUP, and passes systemd-analyze verify', (t) => {
  const unit = readFileSync(join(CONFIG_DIR, 'sunstone-server.service'), 'utf8');
  const exec = /^ExecStart=\/usr\/bin\/node \{\{INSTALL_DIR\}\}\/(\S+) run$/m.exec(unit);
  assert.ok(exec, 'ExecStart runs node on the CLI with `run`');
  assert.ok(existsSync(join(ROOT, exec[1] ?? '')), `${exec[1]} exists in the package`);
  assert.match(unit, /^ExecReload=\/bin\/kill -HUP \$MAINPID$/m);
  assert.match(unit, /^User=oneadmin$/m);
  assert.match(unit, /^Restart=on-failure$/m);
  assert.match(unit, /^AssertFileNotEmpty=\/var\/lib\/one\/\.one\/sunstone_auth$/m);
  assert.match(unit, /^NoNewPrivileges=yes$/m);
  assert.doesNotMatch(unit, /^MemoryDenyWriteExecute=yes/m, "V8's JIT needs W+X memory");

  if (!existsSync(SYSTEMD_ANALYZE)) {
    t.skip(`${SYSTEMD_ANALYZE} is missing: the unit is not verified`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-unit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = renderConfigFile(
    'sunstone-server.service',
    { INSTALL_DIR: ROOT },
    join(dir, 'sunstone-server.service'),
  );
  const res = spawnSync(SYSTEMD_ANALYZE, ['verify', '--man=no', file], { encoding: 'utf8' });
  // verify exits 0 even for unknown keys or bad values; it reports them on stderr.
  const problems = `${res.stdout}${res.stderr}`
    .split('\n')
    .filter((l) => l.includes(file) || /unknown|failed|invalid|ignoring/i.test(l));
  assert.equal(res.status, 0, res.stderr);
  assert.deepEqual(problems, [], 'systemd-analyze verify reports nothing');
});
