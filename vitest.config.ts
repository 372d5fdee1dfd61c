import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A service start loads the rules, checks every regular expression and runs every suite before
    // it serves (the gate [#17]): about a second more than a bare load, several on a busy machine.
    testTimeout: 15_000,
    hookTimeout: 20_000,
    // Finds a MongoDB-wire server once for the whole run (MONGODB_URI, else a container).
    globalSetup: ['test/support/mongo-global-setup.ts'],
  },
});
