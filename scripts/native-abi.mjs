#!/usr/bin/env node
// better-sqlite3 and keytar are native: built for Node (tests, web host) or for Electron's Node
// (the desktop app). This keeps the build that the next command needs, rebuilding only on change.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('Usage: node scripts/native-abi.mjs node|electron');
  process.exit(2);
}
const stamp = 'node_modules/.deckhand-native-abi';
const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : 'node'; // npm install builds for Node
const run = (command) => execSync(command, { stdio: 'inherit' });

if (target === 'electron') {
  const require = createRequire(import.meta.url);
  let binary = null;
  try {
    binary = require('electron');
  } catch {
    binary = null;
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    console.error(
      "Electron's binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set?).\n" +
        'Reinstall it with `npm rebuild electron`, or run the same app in a browser: `npm run web -- --demo`.',
    );
    process.exit(1);
  }
}

if (current !== target) {
  console.error(`Rebuilding native modules for ${target}…`);
  run(target === 'electron' ? 'npx electron-builder install-app-deps' : 'npm rebuild better-sqlite3 keytar');
  writeFileSync(stamp, target);
}
