import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.hotline/**', '.tap/**', 'services/console/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the config module.' }],
    },
  },
  {
    files: ['packages/contracts/src/config.ts', 'scripts/**', 'test/helpers/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
