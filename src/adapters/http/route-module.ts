// A procedure plugs into the HTTP API as a module: its routes and its part of the OpenAPI document.
import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from './app-env.js';
import type { JsonObject } from './openapi/components.js';

export interface OpenApiContribution {
  tags?: Array<{ name: string; description: string }>;
  /** Path → path item, as in OpenAPI 3.1; reference schemas as `#/components/schemas/<name>`. */
  paths: Record<string, JsonObject>;
  schemas?: Record<string, JsonObject>;
}

export interface RouteModule {
  name: string;
  register(app: Hono<AppEnv>, deps: AppDeps): void;
  openApi?: OpenApiContribution;
}
