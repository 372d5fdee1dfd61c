// Route modules live with the app's types (app-env.ts) so that no import cycle forms; this file
// keeps the name procedures import.
export type { OpenApiContribution, RouteModule, SessionOwner } from './app-env.js';
