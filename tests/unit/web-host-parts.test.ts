import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebHostArgs } from '../../src/main/web/args';
import { parseRequestTarget } from '../../src/main/web/request-target';
import { readStaticFile } from '../../src/main/web/static-files';
import { tempDir } from '../helpers/temp';

describe('web host arguments', () => {
  it('read --demo, --demo-solo, --port and --data-dir', () => {
    expect(parseWebHostArgs(['--demo', '--port', '0', '--data-dir', '/tmp/x'])).toEqual({ demo: true, demoTeam: true, port: 0, dataDir: '/tmp/x' });
    expect(parseWebHostArgs(['--demo', '--demo-solo'])).toEqual({ demo: true, demoTeam: false, port: 0, dataDir: null });
    expect(parseWebHostArgs([])).toEqual({ demo: false, demoTeam: true, port: 0, dataDir: null });
  });

  it.each([
    [['--port', 'abc'], /--port must be a number/],
    [['--port', '70000'], /--port must be a number/],
    [['--port'], /--port needs a value/],
    [['--data-dir', '--demo'], /--data-dir needs a value/],
    [['--verbose'], /Unknown option: --verbose/],
  ])('refuse %j clearly', (argv, message) => {
    expect(() => parseWebHostArgs(argv)).toThrow(message);
  });
});

describe('static files of the renderer', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  function site() {
    const dir = tempDir();
    dirs.push(dir);
    const root = join(dir.path, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<html></html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'do not serve');
    return root;
  }

  it('serve index.html for / and assets with their type', async () => {
    const root = site();
    expect((await readStaticFile(root, '/'))?.type).toBe('text/html; charset=utf-8');
    expect((await readStaticFile(root, '/assets/app.js'))?.type).toBe('text/javascript; charset=utf-8');
  });

  it('never serve anything outside the folder', async () => {
    const root = site();
    expect(await readStaticFile(root, '/../secret.txt')).toBeNull();
    expect(await readStaticFile(root, '/%2e%2e/secret.txt')).toBeNull();
    expect(await readStaticFile(root, '/..%2fsecret.txt')).toBeNull();
    expect(await readStaticFile(root, '/%E0%A4%A')).toBeNull();
    expect(await readStaticFile(root, '/missing.js')).toBeNull();
  });

  // The desktop's app:// protocol serves through the same function (src/main/index.ts).
  it.each([
    ['.. past the root', '/assets/../../secret.txt'],
    ['encoded ../', '/%2e%2e%2fsecret.txt'],
    ['encoded ../ twice', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['a backslash', '/..\\secret.txt'],
    ['an encoded backslash', '/assets%5c..%5c..%5csecret.txt'],
    ['NUL', '/index.html%00.js'],
    ['an absolute path', '//' + 'etc/passwd'],
    ['an encoded absolute path', '/%2fetc%2fpasswd'],
  ])('refuse %s', async (_what, urlPath) => {
    const root = site();
    expect(await readStaticFile(root, urlPath)).toBeNull();
  });

  it('refuse a backslash path even when it names a file inside the folder', async () => {
    const root = site();
    expect(await readStaticFile(root, '/assets/app.js')).not.toBeNull();
    expect(await readStaticFile(root, '/assets%5capp.js')).toBeNull();
  });
});

describe('request targets', () => {
  it('read the path and query of ordinary targets', () => {
    const target = parseRequestTarget('/rpc?token=abc');
    expect(target?.pathname).toBe('/rpc');
    expect(target?.searchParams.get('token')).toBe('abc');
  });

  it('never throw on targets new URL(target, base) rejects, and keep them off our paths', () => {
    expect(() => parseRequestTarget('//')).not.toThrow();
    expect(parseRequestTarget('//')?.pathname).toBe('//');
    expect(parseRequestTarget('//evil.example/rpc?token=x')?.pathname).toBe('//evil.example/rpc');
    expect(parseRequestTarget('http://evil.example/rpc')).toBeNull();
    expect(parseRequestTarget('*')).toBeNull();
    expect(parseRequestTarget(undefined)).toBeNull();
  });
});
