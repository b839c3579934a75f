#!/usr/bin/env node
// Installs the npm-pinned test tools (npm ci in tools/) unless tools/node_modules already holds
// exactly what package-lock.json pins. The Maven build runs this before the tests of the modules
// that need Azurite or the Kusto language service, so `mvn verify` on a fresh clone has them.
//
//   node tools/install.js            install when needed
//   node tools/install.js --check    only say whether it is up to date (exit 0) or not (exit 1)
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const here = __dirname;
const modules = path.join(here, 'node_modules');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// What is wrong with node_modules against the lock file, or null when nothing is. Compared by
// content (npm's own record of what it installed, node_modules/.package-lock.json), not by file
// times: a fresh checkout gives every file a new time.
function staleReason() {
  const lock = readJson(path.join(here, 'package-lock.json'));
  const installedFile = path.join(modules, '.package-lock.json');
  if (!fs.existsSync(installedFile)) {
    return 'tools/node_modules is missing or was not installed by npm';
  }
  const installed = readJson(installedFile).packages || {};
  for (const [key, pinned] of Object.entries(lock.packages || {})) {
    if (key === '' || pinned.link) {
      continue;
    }
    const have = installed[key];
    if (!have && pinned.optional) {
      continue; // e.g. a package for another platform: npm leaves it out
    }
    if (!have || have.version !== pinned.version) {
      return `${key} is ${have ? have.version : 'not installed'}, package-lock.json pins ${pinned.version}`;
    }
    if (!fs.existsSync(path.join(here, key, 'package.json'))) {
      return `${key} is recorded as installed but its files are gone`;
    }
  }
  return null;
}

function main() {
  const reason = staleReason();
  if (reason === null) {
    return 0;
  }
  if (process.argv.includes('--check')) {
    process.stdout.write(`tools/node_modules is not up to date: ${reason}\n`);
    return 1;
  }
  // npm ci empties node_modules first: never do that through a link to another checkout's copy.
  if (fs.existsSync(modules) && fs.lstatSync(modules).isSymbolicLink()) {
    process.stderr.write(
      `tools/node_modules is a link to ${fs.realpathSync(modules)} and is not up to date` +
        ` (${reason}); remove the link and build again to install the tools here\n`);
    return 1;
  }
  process.stderr.write(`tollgate: installing test tools (npm ci in tools/): ${reason}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: here,
    stdio: 'inherit',
  });
  if (run.error) {
    process.stderr.write(`cannot run npm (Node.js and npm are needed for the tests): ${run.error.message}\n`);
    return 1;
  }
  return run.status === null ? 1 : run.status;
}

process.exitCode = main();
