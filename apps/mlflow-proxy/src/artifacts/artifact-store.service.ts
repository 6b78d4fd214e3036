import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConfig, MlflowProxyConfig } from '@predictiondex/config';
import type { MlflowFileInfo } from '@predictiondex/mlflow-client';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { mkdir, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MlflowError } from '../common/mlflow-error';
import { UPLOADS_DIR, normalizeArtifactPath } from './artifact-path';

/** Content types for what runs log most; everything else is served as bytes. HTML/SVG never render. */
const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  yaml: 'text/plain; charset=utf-8',
  yml: 'text/plain; charset=utf-8',
  csv: 'text/plain; charset=utf-8',
  md: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

export function contentTypeFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'MLmodel') return 'text/plain; charset=utf-8';
  const dot = name.lastIndexOf('.');
  return (dot > 0 && CONTENT_TYPES[name.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > limit) cb(MlflowError.tooLarge(limit));
      else cb(null, chunk);
    },
  });
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The directory behind `mlflow-artifacts:/`. Every path is checked twice: syntactically
 * (normalizeArtifactPath) and physically (the resolved real path stays under the real root, so a
 * symlink planted in the tree cannot lead out of it). Uploads go to a temp file under the root and
 * are renamed into place, so a reader never sees half a file and an aborted upload leaves nothing.
 */
@Injectable()
export class ArtifactStore implements OnModuleInit {
  private readonly root: string;
  private realRoot = '';

  constructor(@InjectConfig() config: MlflowProxyConfig) {
    this.root = resolve(config.MLFLOW_ARTIFACT_ROOT);
  }

  async onModuleInit(): Promise<void> {
    await mkdir(join(this.root, UPLOADS_DIR), { recursive: true });
    this.realRoot = await realpath(this.root);
  }

  get rootDir(): string {
    return this.root;
  }

  private inside(real: string): boolean {
    return real === this.realRoot || real.startsWith(this.realRoot + sep);
  }

  /** Absolute path for a relative artifact path, refusing anything that resolves outside the root. */
  private async locate(relative: string): Promise<string> {
    const target = resolve(this.realRoot, relative);
    if (!this.inside(target)) throw MlflowError.invalidParameter(`Invalid path '${relative}'`);
    // The deepest existing ancestor must really be inside (symlinks resolved).
    let probe = target;
    for (;;) {
      try {
        if (!this.inside(await realpath(probe))) throw MlflowError.invalidParameter(`Invalid path '${relative}'`);
        return target;
      } catch (e) {
        if (e instanceof MlflowError || !isMissing(e)) throw e;
        const parent = dirname(probe);
        if (parent === probe) throw e;
        probe = parent;
      }
    }
  }

  async write(path: string, body: Readable, maxBytes: number): Promise<number> {
    const relative = normalizeArtifactPath(path);
    if (!relative) throw MlflowError.invalidParameter('An artifact upload needs a file path');
    const target = await this.locate(relative);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw MlflowError.invalidParameter(`Cannot upload to '${relative}': it is a directory`);
    const temp = join(this.realRoot, UPLOADS_DIR, randomUUID());
    let size = 0;
    try {
      await pipeline(
        body,
        byteLimit(maxBytes),
        new Transform({
          transform(chunk: Buffer, _enc, cb) {
            size += chunk.length;
            cb(null, chunk);
          },
        }),
        // flush: fsync before close, so the rename publishes bytes that are on disk.
        createWriteStream(temp, { flags: 'wx', flush: true }),
      );
      // Directories only once the bytes are in: a refused or aborted upload leaves no trace.
      try {
        await mkdir(dirname(target), { recursive: true });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EEXIST' || code === 'ENOTDIR') throw MlflowError.invalidParameter(`Cannot upload to '${relative}': a parent is a file`);
        throw e;
      }
      await rename(temp, target);
      return size;
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async read(path: string): Promise<{ stream: ReadStream; size: number; contentType: string }> {
    const relative = normalizeArtifactPath(path);
    const target = await this.locate(relative);
    const info = await stat(target).catch((e: unknown) => {
      if (isMissing(e)) throw MlflowError.notFound(`Artifact '${relative}' does not exist`);
      throw e;
    });
    if (info.isDirectory()) throw MlflowError.invalidParameter(`Artifact '${relative}' is a directory; list it instead`);
    return { stream: createReadStream(target), size: info.size, contentType: contentTypeFor(relative) };
  }

  /** Deletes a file or a directory tree; deleting what is not there succeeds (retries are safe). */
  async delete(path: string): Promise<void> {
    const relative = normalizeArtifactPath(path);
    if (!relative) throw MlflowError.invalidParameter('Refusing to delete the artifact root');
    await rm(await this.locate(relative), { recursive: true, force: true });
  }

  /** One directory level, names relative to `path`; a file or a missing path lists as empty, as in MLflow. */
  async list(path: string | undefined): Promise<MlflowFileInfo[]> {
    const relative = normalizeArtifactPath(path);
    const target = await this.locate(relative);
    let entries;
    try {
      entries = await readdir(target, { withFileTypes: true });
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
    const out: MlflowFileInfo[] = [];
    for (const entry of entries) {
      if (!relative && entry.name === UPLOADS_DIR) continue;
      if (entry.isDirectory()) out.push({ path: entry.name, is_dir: true });
      else if (entry.isFile()) out.push({ path: entry.name, is_dir: false, file_size: (await stat(join(target, entry.name))).size });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** For /health: the root accepts a write. */
  async checkWritable(): Promise<void> {
    const probe = join(this.root, UPLOADS_DIR, `health-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  }
}
