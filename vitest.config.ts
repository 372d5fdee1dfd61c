import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Finds a MongoDB-wire server once for the whole run (MONGODB_URI, else a container).
    globalSetup: ['test/support/mongo-global-setup.ts'],
  },
});
