// Loads sunstone-server.conf once into the typed, deep-frozen SunstoneConfig every other layer
// receives. The file is found as Sunstone finds it (--config, else ETC/sunstone-server.conf from the
// ONE_LOCATION table); a missing default file means Sunstone's defaults. Every problem (syntax,
// types, values, environment) is collected and thrown together in one ConfigError.
import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { deepFreeze } from './deep-freeze.js';
import { defaultSettings } from './defaults.js';
import { defaultEndpointFiles, settingsFromEnvironment } from './environment.js';
import { CONFIG_ERROR_CODES, ConfigError } from './errors.js';
import { onePaths } from './paths.js';
import { parseRubyYaml } from './ruby-yaml.js';
import { validateSettings } from './validate.js';
import type { FileSettings, SunstoneConfig } from './types.js';

export interface LoadOptions {
  /** `--config FILE`: must exist. Without it, ETC/sunstone-server.conf, which may be absent. */
  readonly configFile?: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where to look for oned's endpoint when neither :one_xmlrpc nor ONE_XMLRPC is set (tests pass []). */
  readonly endpointFiles?: readonly string[];
}

export interface LoadedConfig {
  readonly config: SunstoneConfig;
  /** Things worth telling the operator at start-up that do not stop it (unknown keys, ...). */
  readonly warnings: readonly string[];
}

/** Far beyond any real sunstone-server.conf (about 10 KiB); keeps a wrong path from eating memory. */
const MAX_CONFIG_BYTES = 1024 * 1024;

function runningAs(): string {
  try {
    const u = userInfo();
    return `${u.username} (uid ${u.uid})`;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** The file's text, or null when the default file does not exist. */
function readConfigText(file: string, explicit: boolean): string | null {
  const fail = (problem: string): never => {
    throw new ConfigError([problem], CONFIG_ERROR_CODES.unreadable);
  };
  try {
    const st = statSync(file);
    if (st.isDirectory()) fail(`${file}: is a directory; give the path of sunstone-server.conf itself`);
    if (st.size > MAX_CONFIG_BYTES) {
      fail(
        `${file}: is ${st.size} bytes, more than any sunstone-server.conf (limit ${MAX_CONFIG_BYTES}); check the path`,
      );
    }
    // A leading byte-order mark is not part of the first key.
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if ((code === 'ENOENT' || code === 'ENOTDIR') && !explicit) return null;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      fail(
        `${file}: no such file (given with --config); check the path, or leave --config out to use the default location`,
      );
    }
    if (code === 'EACCES' || code === 'EPERM') {
      fail(
        `${file}: permission denied for ${runningAs()}; let that user read it ` +
          `(e.g. chgrp oneadmin ${file} && chmod 640 ${file}) or run sunstone-server as oneadmin`,
      );
    }
    return fail(`${file}: cannot be read (${(err as Error).message})`);
  }
}

export function loadConfig(opts: LoadOptions): LoadedConfig {
  const paths = onePaths(opts.env);
  const explicit = opts.configFile !== undefined;
  const file = opts.configFile ?? paths.configFile;
  const text = readConfigText(file, explicit);

  const problems: string[] = [];
  const warnings: string[] = [];
  let fileValues: Partial<FileSettings> = {};
  let legacy: Readonly<Record<string, unknown>> = {};
  if (text === null) {
    warnings.push(`no configuration file at ${file}; using Sunstone's defaults`);
  } else {
    const doc = parseRubyYaml(text, file);
    if (doc.problems.length > 0) throw new ConfigError(doc.problems);
    const v = validateSettings(doc, file);
    problems.push(...v.problems);
    warnings.push(...v.warnings);
    fileValues = v.settings;
    legacy = v.legacy;
  }

  const fromEnv = settingsFromEnvironment(
    opts.env,
    fileValues.one_xmlrpc !== undefined,
    opts.endpointFiles ?? defaultEndpointFiles(opts.env),
  );
  problems.push(...fromEnv.problems);
  warnings.push(...fromEnv.warnings);
  if (problems.length > 0) throw new ConfigError(problems);

  const settings: FileSettings = { ...defaultSettings(), ...fileValues };
  const merged: { -readonly [K in keyof FileSettings]: FileSettings[K] } = { ...settings };
  // Sunstone before 6.8 had a top-level :debug_level instead of :log; it still counts without :log.
  if (fileValues.log === undefined && typeof legacy.debug_level === 'number') {
    merged.log = { level: legacy.debug_level, system: 'file' };
  }
  if (fromEnv.one_xmlrpc !== undefined) merged.one_xmlrpc = fromEnv.one_xmlrpc;
  if (fromEnv.one_xmlrpc_timeout !== undefined) merged.one_xmlrpc_timeout = fromEnv.one_xmlrpc_timeout;
  // Sunstone falls back to its defaults when the renewal margin exceeds the token life (§6.3).
  if (merged.expire_delta < merged.expire_margin) {
    const d = defaultSettings();
    warnings.push(
      `${file}: :expire_margin (${merged.expire_margin}) is larger than :expire_delta (${merged.expire_delta}); ` +
        `using ${d.expire_delta} and ${d.expire_margin} as Sunstone does`,
    );
    merged.expire_delta = d.expire_delta;
    merged.expire_margin = d.expire_margin;
  }

  const config: SunstoneConfig = {
    source: text === null ? null : file,
    paths,
    ...merged,
    pool_page_size: fromEnv.pool_page_size,
  };
  // structuredClone: the frozen result shares nothing with the defaults table or the parsed file.
  return { config: deepFreeze(structuredClone(config)), warnings };
}
