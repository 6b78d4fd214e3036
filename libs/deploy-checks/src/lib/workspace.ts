import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCHEMA, loadAll } from 'js-yaml';

/** The repository root (this file is libs/deploy-checks/src/lib/workspace.ts). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

export const inWorkspace = (...parts: string[]): string => path.join(WORKSPACE_ROOT, ...parts);

export const readText = (relative: string): string => fs.readFileSync(inWorkspace(relative), 'utf8');

/** The deployable apps: every folder of apps/ with a project.json. */
export function appNames(): string[] {
  return fs
    .readdirSync(inWorkspace('apps'))
    .filter((name) => fs.existsSync(inWorkspace('apps', name, 'project.json')))
    .sort();
}

/**
 * Every document of a YAML text, merge keys (`<<: *anchor`) resolved; throws with the file name
 * and line on a syntax error or a duplicate key. js-yaml's default schema is YAML 1.2's core
 * (what Docker Compose and Kubernetes read: `on`, `y` stay strings) plus merge keys.
 */
export function parseYamlDocuments(text: string, filename: string): unknown[] {
  return loadAll(text, null, { schema: DEFAULT_SCHEMA, filename }).filter((doc) => doc !== null && doc !== undefined);
}

export function parseYaml(text: string, filename: string): unknown {
  const docs = parseYamlDocuments(text, filename);
  if (docs.length !== 1) throw new Error(`${filename}: expected one YAML document, found ${docs.length}`);
  return docs[0];
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
