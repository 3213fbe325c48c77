// One lint setup for the whole tree (each workspace's `lint` script runs it on its own folders).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.data/**', '**/dist/**', 'web/src/gql/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      // TypeORM names entity classes with the `Function` type in its own API.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
);
