// Lint, including the layering rules of ../shared/design/ARCHITECTURE.md.
import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url', 'stream', 'events', 'zlib'];
const pattern = (group, message) => ({ group, message });

const noElectron = pattern(['electron', 'electron/*', 'electron-store'], 'Only the Electron shell and the preload may import electron.');
const noRenderer = pattern(['**/renderer/**'], 'Nothing imports the renderer.');
const noNode = pattern(NODE_BUILTINS, 'Node built-ins belong to the main side.');
const noMainSideLibraries = pattern(['better-sqlite3', 'keytar', 'twitter-api-v2', 'ws', 'conf'], 'Main-side libraries stay in the main process.');
const noOurs = pattern(['**/main/**', '**/sandbox/**', '**/hub/**', '**/preload/**', '**/renderer/**'], 'src/shared imports nothing of ours.');
const noSandbox = pattern(['**/sandbox/**', '**/sandbox'], 'The core reaches the sandbox only over HTTP, like X.');
const noCore = pattern(['**/main/**'], 'The sandbox is independent of the app.');

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/no-v-html': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  { files: ['src/shared/**'], rules: restrict(noOurs, noElectron, noNode, noMainSideLibraries, pattern(['vue', 'pinia'], 'src/shared is UI-free.')) },
  { files: ['src/main/core/**'], rules: restrict(noElectron, noRenderer, noSandbox) },
  { files: ['src/sandbox/**'], rules: restrict(noElectron, noRenderer, noCore) },
  { files: ['src/hub/**'], rules: restrict(noElectron, noRenderer, noSandbox) },
  { files: ['src/main/web/**'], rules: restrict(noElectron, noRenderer) },
  { files: ['src/main/*.ts', 'src/preload/**'], rules: restrict(noRenderer) },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(noElectron, noNode, noMainSideLibraries, pattern(['**/main/**', '**/sandbox/**', '**/preload/**'], 'The renderer imports only src/shared.')),
  },
);
