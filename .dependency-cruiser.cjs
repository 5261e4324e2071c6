/** Architecture boundaries, checked by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds pure rules: no server, db, web or cli code, no I/O libraries.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: ['^src/(server|db|web|cli)', 'node_modules/(fastify|@fastify|drizzle-orm|pg|vue|exceljs)/'] },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-not-server',
      comment: 'the Vue app talks to the server over HTTP only',
      severity: 'error',
      from: { path: '^src/web' },
      to: { path: '^src/(server|db|cli)' },
    },
    {
      name: 'only-repositories-touch-sql',
      comment: 'SQL lives in repository.ts files, db plugin, db folder and test helpers',
      severity: 'error',
      from: { path: '^src/server/', pathNot: ['repository\\.ts$', '^src/server/plugins/', '\\.test\\.ts$', '^src/server/test/'] },
      to: { path: ['node_modules/pg/', '^src/db/schema'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['src/db/migrations'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.vue', '.mjs'] },
  },
};
