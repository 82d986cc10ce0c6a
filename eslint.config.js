import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import path from 'node:path';

/**
 * Scenes are features: a scene may use the runtime, telemetry, sim, charts and app-wide UI
 * pieces, never another scene. (Shared scene helpers live in src/scenes/shared.)
 */
const noCrossSceneImports = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename.split(path.sep).join('/');
    const match = /\/src\/scenes\/([^/]+)\//.exec(file);
    if (!match || match[1] === 'shared') return {};
    const own = match[1];
    return {
      ImportDeclaration(node) {
        const spec = node.source.value;
        if (typeof spec !== 'string' || !spec.startsWith('.')) return;
        const target = path.resolve(path.dirname(context.filename), spec).split(path.sep).join('/');
        const hit = /\/src\/scenes\/([^/.]+)(\/|$)/.exec(target);
        if (hit && hit[1] !== own && hit[1] !== 'shared') {
          context.report({ node, message: `Scene "${own}" must not import from scene "${hit[1]}".` });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'public/*.js', 'bench/.out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX, local: { rules: { 'no-cross-scene-imports': noCrossSceneImports } } },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'local/no-cross-scene-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src/runtime', './src/telemetry', './src/sim'],
              from: ['./src/scenes', './src/charts', './src/app'],
              message: 'The runtime, telemetry and simulator are libraries: they never import UI code.',
            },
            { target: './src/charts', from: ['./src/scenes', './src/app'], message: 'Charts are reusable renderers.' },
          ],
        },
      ],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/runtime/**', 'src/telemetry/**', 'src/sim/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['react', 'react-dom', 'd3', 'zustand'], patterns: ['react/*', 'd3-*'] },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
