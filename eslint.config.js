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
      // One adapter per protocol: Asterisk's libraries only in packages/asterisk, pg only in packages/db.
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'ari-client', message: 'Use the ARI adapter of @hotline/asterisk.' },
          { name: 'asterisk-manager', message: 'Use the AMI adapter of @hotline/asterisk.' },
          { name: 'pg', message: 'Use the pool and repositories of @hotline/db.' },
        ],
      }],
    },
  },
  { files: ['packages/asterisk/src/**'], rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'pg', message: 'Use @hotline/db.' }] }] } },
  { files: ['packages/db/src/**'], rules: { 'no-restricted-imports': ['error', { paths: ['ari-client', 'asterisk-manager'] }] } },
  {
    files: ['packages/contracts/src/config.ts', 'scripts/**', 'test/helpers/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
