#!/usr/bin/env node
// Parses and type-checks Tollgate's KQL files with Microsoft's Kusto language service
// (@kusto/language-service-next, pinned in tools/package.json) against the declared table schemas
// (queries/schemas/tables.json), and prints every diagnostic as JSON on stdout.
//
//   node tools/kql/check.js [--schemas FILE] PATH...
//
// PATH is a .kql file or a folder of them (not recursive). Each file names its database with a
// header line "// scope: appinsights" or "// scope: workspace" (a database in the schemas file).
// Besides the language service's errors (syntax, unknown tables/columns/functions, types) and its
// analyzers' warnings, two Tollgate rules are checked (codes TG...): the scope line is present and
// known, and a query that reads Tollgate's own events or metrics de-duplicates on tollgate.item_id.
//
// Exit codes: 0 no error diagnostics (warnings may be listed), 1 at least one error,
// 2 the checker could not run (bad arguments, unreadable file, language service not installed).

'use strict';

const fs = require('fs');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_SCHEMAS = path.join(REPO_ROOT, 'queries', 'schemas', 'tables.json');
const TOLLGATE_TABLES = /\b(customEvents|customMetrics|AppEvents|AppMetrics)\b/;

function fail(message) {
  process.stderr.write(`kql check: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { schemas: DEFAULT_SCHEMAS, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--schemas') {
      if (i + 1 >= argv.length) fail('--schemas needs a file');
      args.schemas = path.resolve(argv[++i]);
    } else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node tools/kql/check.js [--schemas FILE] PATH...\n');
      process.exit(0);
    } else if (a.startsWith('-')) {
      fail(`unknown option ${a}`);
    } else {
      args.paths.push(path.resolve(a));
    }
  }
  if (args.paths.length === 0) fail('name at least one .kql file or folder');
  return args;
}

function loadLanguageService() {
  let dir;
  try {
    dir = path.dirname(require.resolve('@kusto/language-service-next/package.json'));
  } catch (e) {
    fail('@kusto/language-service-next is not installed: run ./tollgate test (npm ci in tools/)');
  }
  // Bridge.NET output: the runtime defines the global Bridge, the library the global Kusto.
  require(path.join(dir, 'bridge.js'));
  require(path.join(dir, 'Kusto.Language.Bridge.js'));
  return { Kusto: global.Kusto, Bridge: global.Bridge };
}

function listFiles(paths) {
  const files = [];
  for (const p of paths) {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      fail(`no such file or folder: ${p}`);
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name.endsWith('.kql')) files.push(path.join(p, name));
      }
    } else {
      files.push(p);
    }
  }
  return files;
}

function buildDatabases(Kusto, schemas) {
  const S = Kusto.Language.Symbols;
  const databases = {};
  for (const [dbName, db] of Object.entries(schemas.databases || {})) {
    const tables = [];
    for (const [tableName, table] of Object.entries(db.tables || {})) {
      const cols = Object.entries(table.columns || {}).map(([c, t]) => `['${c}']:${t}`);
      tables.push(new S.TableSymbol.$ctor7(tableName, `(${cols.join(', ')})`, null));
    }
    const symbol = new S.DatabaseSymbol.ctor(dbName, tables);
    databases[dbName] = Kusto.Language.GlobalState.Default.WithDatabase(symbol);
  }
  return databases;
}

// Leading "//" comment lines; "key: value" lines among them become header fields.
function readHeader(text) {
  const header = {};
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '') continue;
    if (!t.startsWith('//')) break;
    const m = /^\/\/\s*([a-z][a-z-]*):\s*(.*)$/.exec(t);
    if (m && !(m[1] in header)) header[m[1]] = m[2].trim();
  }
  return header;
}

function position(text, offset) {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}

function toJson(Bridge, list, text, source) {
  const out = [];
  if (!list) return out;
  const e = Bridge.getEnumerator(list);
  while (e.moveNext()) {
    const d = e.Current;
    const start = d.HasLocation ? d.Start : 0;
    out.push({
      severity: d.Severity,
      code: d.Code,
      message: d.Message,
      ...position(text, start),
      start,
      length: d.HasLocation ? d.Length : 0,
      source,
    });
  }
  return out;
}

function tollgateRules(text, header, databases) {
  const out = [];
  const at = { line: 1, column: 1, start: 0, length: 0, source: 'tollgate' };
  if (!header.scope) {
    out.push({
      severity: 'Error',
      code: 'TG001',
      message: "no '// scope:' header line (appinsights or workspace)",
      ...at,
    });
  } else if (!(header.scope in databases)) {
    out.push({
      severity: 'Error',
      code: 'TG001',
      message: `unknown scope '${header.scope}' (known: ${Object.keys(databases).join(', ')})`,
      ...at,
    });
  }
  const body = text
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');
  if (TOLLGATE_TABLES.test(body) && !body.includes('tollgate.item_id')) {
    out.push({
      severity: 'Error',
      code: 'TG002',
      message:
        "reads Tollgate's events or metrics but never de-duplicates on tollgate.item_id " +
        '(redelivered batches send the same items again)',
      ...at,
    });
  }
  return out;
}

function checkFile(Kusto, Bridge, databases, file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  const header = readHeader(text);
  const diagnostics = tollgateRules(text, header, databases);
  const globals = databases[header.scope];
  if (globals) {
    const code = Kusto.Language.KustoCode.ParseAndAnalyze(text, globals);
    diagnostics.push(...toJson(Bridge, code.GetDiagnostics(), text, 'language-service'));
    const service = new Kusto.Language.Editor.KustoCodeService.ctor(code);
    diagnostics.push(...toJson(Bridge, service.GetAnalyzerDiagnostics(true), text, 'analyzer'));
  } else {
    // Without a known database only the syntax can be checked.
    const code = Kusto.Language.KustoCode.Parse(text, Kusto.Language.GlobalState.Default);
    diagnostics.push(...toJson(Bridge, code.GetDiagnostics(), text, 'language-service'));
  }
  return { file: path.relative(process.cwd(), file) || file, scope: header.scope || null, diagnostics };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let schemas;
  try {
    schemas = JSON.parse(fs.readFileSync(args.schemas, 'utf8'));
  } catch (e) {
    fail(`cannot read schemas ${args.schemas}: ${e.message}`);
  }
  const files = listFiles(args.paths);
  if (files.length === 0) fail(`no .kql files in ${args.paths.join(', ')}`);
  const { Kusto, Bridge } = loadLanguageService();
  const databases = buildDatabases(Kusto, schemas);
  const results = files.map((f) => checkFile(Kusto, Bridge, databases, f));
  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'Error').length;
  const report = {
    checker: '@kusto/language-service-next',
    schemas: path.relative(process.cwd(), args.schemas) || args.schemas,
    files: results,
    errors,
    warnings: all.length - errors,
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.exitCode = errors > 0 ? 1 : 0;
}

main();
