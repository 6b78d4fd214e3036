import koffi from 'koffi';
import { XGBoostError, XGBoostLibraryNotFoundError } from './xgboost-error';

/** Opaque libxgboost handles. The brands stop a Booster handle being passed where a DMatrix is expected. */
export type DMatrixHandle = { readonly __xgboost: 'DMatrixHandle' };
export type BoosterHandle = { readonly __xgboost: 'BoosterHandle' };
/** A raw `void *` returned by libxgboost, only valid until the next call on the same object. */
export type NativePointer = { readonly __xgboost: 'pointer' };
/** koffi writes `_Out_` parameters into element 0 of a one-element array. */
export type Out<T> = [T];

export interface XGBoostNativeFunctions {
  XGBoostVersion(major: Out<number>, minor: Out<number>, patch: Out<number>): void;
  XGBGetLastError(): string | null;
  XGBuildInfo(out: Out<string | null>): number;

  XGDMatrixCreateFromMat_omp(
    data: Float32Array,
    nrow: number,
    ncol: number,
    missing: number,
    out: Out<DMatrixHandle | null>,
    nthread: number,
  ): number;
  XGDMatrixFree(handle: DMatrixHandle): number;
  XGDMatrixSetFloatInfo(handle: DMatrixHandle, field: string, data: Float32Array, len: number): number;
  XGDMatrixGetFloatInfo(handle: DMatrixHandle, field: string, outLen: Out<number>, out: Out<NativePointer | null>): number;
  XGDMatrixSetStrFeatureInfo(handle: DMatrixHandle, field: string, values: readonly string[], len: number): number;
  XGDMatrixGetStrFeatureInfo(handle: DMatrixHandle, field: string, outLen: Out<number>, out: Out<NativePointer | null>): number;
  XGDMatrixNumRow(handle: DMatrixHandle, out: Out<number>): number;
  XGDMatrixNumCol(handle: DMatrixHandle, out: Out<number>): number;
  XGDMatrixSaveBinary(handle: DMatrixHandle, fname: string, silent: number): number;

  XGBoosterCreate(dmats: readonly DMatrixHandle[], len: number, out: Out<BoosterHandle | null>): number;
  XGBoosterFree(handle: BoosterHandle): number;
  XGBoosterSetParam(handle: BoosterHandle, name: string, value: string): number;
  XGBoosterUpdateOneIter(handle: BoosterHandle, iter: number, dtrain: DMatrixHandle): number;
  XGBoosterEvalOneIter(
    handle: BoosterHandle,
    iter: number,
    dmats: readonly DMatrixHandle[],
    names: readonly string[],
    len: number,
    out: Out<string | null>,
  ): number;
  XGBoosterPredictFromDMatrix(
    handle: BoosterHandle,
    dmat: DMatrixHandle,
    config: string,
    outShape: Out<NativePointer | null>,
    outDim: Out<number>,
    outResult: Out<NativePointer | null>,
  ): number;
  XGBoosterPredictFromDense(
    handle: BoosterHandle,
    arrayInterface: string,
    config: string,
    proxy: DMatrixHandle | null,
    outShape: Out<NativePointer | null>,
    outDim: Out<number>,
    outResult: Out<NativePointer | null>,
  ): number;
  XGBoosterFeatureScore(
    handle: BoosterHandle,
    config: string,
    outNFeatures: Out<number>,
    outFeatures: Out<NativePointer | null>,
    outDim: Out<number>,
    outShape: Out<NativePointer | null>,
    outScores: Out<NativePointer | null>,
  ): number;
  XGBoosterSaveModel(handle: BoosterHandle, fname: string): number;
  XGBoosterLoadModel(handle: BoosterHandle, fname: string): number;
  XGBoosterSaveModelToBuffer(handle: BoosterHandle, config: string, outLen: Out<number>, out: Out<NativePointer | null>): number;
  XGBoosterLoadModelFromBuffer(handle: BoosterHandle, buf: Uint8Array, len: number): number;
  XGBoosterGetNumFeature(handle: BoosterHandle, out: Out<number>): number;
  XGBoosterBoostedRounds(handle: BoosterHandle, out: Out<number>): number;
  XGBoosterSlice(handle: BoosterHandle, begin: number, end: number, step: number, out: Out<BoosterHandle | null>): number;
  XGBoosterSetStrFeatureInfo(handle: BoosterHandle, field: string, values: readonly string[], len: number): number;
  XGBoosterGetStrFeatureInfo(handle: BoosterHandle, field: string, outLen: Out<number>, out: Out<NativePointer | null>): number;
  XGBoosterSetAttr(handle: BoosterHandle, key: string, value: string | null): number;
  XGBoosterGetAttr(handle: BoosterHandle, key: string, out: Out<string | null>, success: Out<number>): number;
}

type CheckedFunction = {
  [K in keyof XGBoostNativeFunctions]: ReturnType<XGBoostNativeFunctions[K]> extends number ? K : never;
}[keyof XGBoostNativeFunctions];

type Memcpy = (dst: ArrayBufferView, src: NativePointer, size: number) => void;

export interface XGBoostVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Environment variable that replaces the default search (no fallback: if it is set, it is meant). */
export const XGBOOST_LIBRARY_PATH_ENV = 'XGBOOST_LIBRARY_PATH';

/** The sonames Debian's libxgboost0 (runtime) and libxgboost-dev (dev symlink) install. */
export function defaultLibraryCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env[XGBOOST_LIBRARY_PATH_ENV];
  if (override) return [override];
  return process.platform === 'darwin' ? ['libxgboost.dylib'] : ['libxgboost.so.0', 'libxgboost.so'];
}

// Anonymous koffi types: named ones are process-global and would clash when the module is
// evaluated twice (Jest module registries, worker threads sharing the addon).
const dmatrixHandle = koffi.pointer(koffi.opaque());
const boosterHandle = koffi.pointer(koffi.opaque());
const outDMatrix = koffi.out(koffi.pointer(dmatrixHandle));
const outBooster = koffi.out(koffi.pointer(boosterHandle));
const outPointer = koffi.out(koffi.pointer('void *'));
const outU64 = koffi.out(koffi.pointer('uint64_t'));
const outInt = koffi.out(koffi.pointer('int'));
const outString = koffi.out(koffi.pointer('const char *'));
const stringArray = koffi.pointer('const char *');
const dmatrixArray = koffi.pointer(dmatrixHandle);
const POINTER_SIZE = koffi.sizeof('void *');

/** A loaded libxgboost with its C functions declared, plus the return-code check every call goes through. */
export class XGBoostLibrary {
  readonly native: XGBoostNativeFunctions;
  readonly version: XGBoostVersion;
  // Copies native results into JS-owned arrays. koffi.decode/koffi.view into TypedArrays leak a
  // few dozen bytes per call in koffi 2.16 (measured), which adds up on a predict hot path;
  // memcpy into a TypedArray (passed by pointer, no copy) does not.
  readonly #memcpy: Memcpy;

  constructor(
    readonly path: string,
    lib: koffi.IKoffiLib,
  ) {
    const fn = (name: string, result: koffi.TypeSpec, args: koffi.TypeSpec[]) => {
      try {
        return lib.func(name, result, args);
      } catch (error) {
        throw new Error(
          `${path} does not export ${name} (${(error as Error).message}); this binding needs libxgboost >= 1.7`,
        );
      }
    };
    const u64 = 'uint64_t';
    const str = 'const char *';
    this.native = {
      XGBoostVersion: fn('XGBoostVersion', 'void', [outInt, outInt, outInt]),
      XGBGetLastError: fn('XGBGetLastError', str, []),
      XGBuildInfo: fn('XGBuildInfo', 'int', [outString]),
      XGDMatrixCreateFromMat_omp: fn('XGDMatrixCreateFromMat_omp', 'int', ['float *', u64, u64, 'float', outDMatrix, 'int']),
      XGDMatrixFree: fn('XGDMatrixFree', 'int', [dmatrixHandle]),
      XGDMatrixSetFloatInfo: fn('XGDMatrixSetFloatInfo', 'int', [dmatrixHandle, str, 'float *', u64]),
      XGDMatrixGetFloatInfo: fn('XGDMatrixGetFloatInfo', 'int', [dmatrixHandle, str, outU64, outPointer]),
      XGDMatrixSetStrFeatureInfo: fn('XGDMatrixSetStrFeatureInfo', 'int', [dmatrixHandle, str, stringArray, u64]),
      XGDMatrixGetStrFeatureInfo: fn('XGDMatrixGetStrFeatureInfo', 'int', [dmatrixHandle, str, outU64, outPointer]),
      XGDMatrixNumRow: fn('XGDMatrixNumRow', 'int', [dmatrixHandle, outU64]),
      XGDMatrixNumCol: fn('XGDMatrixNumCol', 'int', [dmatrixHandle, outU64]),
      XGDMatrixSaveBinary: fn('XGDMatrixSaveBinary', 'int', [dmatrixHandle, str, 'int']),
      XGBoosterCreate: fn('XGBoosterCreate', 'int', [dmatrixArray, u64, outBooster]),
      XGBoosterFree: fn('XGBoosterFree', 'int', [boosterHandle]),
      XGBoosterSetParam: fn('XGBoosterSetParam', 'int', [boosterHandle, str, str]),
      XGBoosterUpdateOneIter: fn('XGBoosterUpdateOneIter', 'int', [boosterHandle, 'int', dmatrixHandle]),
      XGBoosterEvalOneIter: fn('XGBoosterEvalOneIter', 'int', [boosterHandle, 'int', dmatrixArray, stringArray, u64, outString]),
      XGBoosterPredictFromDMatrix: fn('XGBoosterPredictFromDMatrix', 'int', [
        boosterHandle,
        dmatrixHandle,
        str,
        outPointer,
        outU64,
        outPointer,
      ]),
      XGBoosterPredictFromDense: fn('XGBoosterPredictFromDense', 'int', [
        boosterHandle,
        str,
        str,
        dmatrixHandle,
        outPointer,
        outU64,
        outPointer,
      ]),
      XGBoosterFeatureScore: fn('XGBoosterFeatureScore', 'int', [
        boosterHandle,
        str,
        outU64,
        outPointer,
        outU64,
        outPointer,
        outPointer,
      ]),
      XGBoosterSaveModel: fn('XGBoosterSaveModel', 'int', [boosterHandle, str]),
      XGBoosterLoadModel: fn('XGBoosterLoadModel', 'int', [boosterHandle, str]),
      XGBoosterSaveModelToBuffer: fn('XGBoosterSaveModelToBuffer', 'int', [boosterHandle, str, outU64, outPointer]),
      XGBoosterLoadModelFromBuffer: fn('XGBoosterLoadModelFromBuffer', 'int', [boosterHandle, 'void *', u64]),
      XGBoosterGetNumFeature: fn('XGBoosterGetNumFeature', 'int', [boosterHandle, outU64]),
      XGBoosterBoostedRounds: fn('XGBoosterBoostedRounds', 'int', [boosterHandle, outInt]),
      XGBoosterSlice: fn('XGBoosterSlice', 'int', [boosterHandle, 'int', 'int', 'int', outBooster]),
      XGBoosterSetStrFeatureInfo: fn('XGBoosterSetStrFeatureInfo', 'int', [boosterHandle, str, stringArray, u64]),
      XGBoosterGetStrFeatureInfo: fn('XGBoosterGetStrFeatureInfo', 'int', [boosterHandle, str, outU64, outPointer]),
      XGBoosterSetAttr: fn('XGBoosterSetAttr', 'int', [boosterHandle, str, str]),
      XGBoosterGetAttr: fn('XGBoosterGetAttr', 'int', [boosterHandle, str, outString, outInt]),
    } as unknown as XGBoostNativeFunctions;

    // dlsym on the library handle also searches its dependencies, so libc's memcpy resolves here.
    this.#memcpy = lib.func('memcpy', 'void', ['void *', 'void *', 'size_t']) as unknown as Memcpy;

    const major: Out<number> = [0];
    const minor: Out<number> = [0];
    const patch: Out<number> = [0];
    this.native.XGBoostVersion(major, minor, patch);
    this.version = { major: major[0], minor: minor[0], patch: patch[0] };
  }

  /** Calls a C function and turns a non-zero return code into an XGBoostError carrying XGBGetLastError(). */
  call<K extends CheckedFunction>(name: K, ...args: Parameters<XGBoostNativeFunctions[K]>): void {
    const rc = (this.native[name] as (...a: unknown[]) => number)(...args);
    if (rc !== 0) throw this.lastError(name, rc);
  }

  /**
   * The same call on one of koffi's worker threads (the libuv pool): the event loop keeps running.
   * Resolves with the C return code, not an error: XGBGetLastError() is thread-local to the worker
   * thread that ran it, so only the caller can decide how to find out what went wrong (a
   * deterministic failure can be replayed synchronously, see Booster.predictDenseAsync).
   */
  callAsync<K extends CheckedFunction>(name: K, ...args: Parameters<XGBoostNativeFunctions[K]>): Promise<number> {
    const fn = this.native[name] as unknown as { async(...a: unknown[]): void };
    return new Promise((resolve, reject) => {
      fn.async(...args, (error: unknown, rc: number) => (error ? reject(error) : resolve(rc)));
    });
  }

  /**
   * The thread-local error text of the last failed call on *this* thread — which is why every C
   * call of a given object stays on one thread (see training-worker.ts).
   */
  lastError(functionName: string, rc: number): XGBoostError {
    const detail = this.native.XGBGetLastError() ?? '';
    const firstLine = detail.split('\nStack trace:')[0].trim();
    // Drop XGBoost's "[hh:mm:ss] file.cc:123: " prefix: it is noise for callers matching on text.
    const message = firstLine.replace(/^\[[\d:]+\]\s+\S+:\d+:\s*/, '') || `return code ${rc}`;
    return new XGBoostError(functionName, message, detail);
  }

  /** String pointer arrays that XGBoost returns point into its own thread-local storage: copy now. */
  readStrings(pointer: NativePointer | null, length: number): string[] {
    if (!pointer || length === 0) return [];
    // decode(ptr, offset, 'const char *') reads the char* stored at ptr + offset; passing a length
    // instead would read one string of that many chars.
    const strings: string[] = [];
    for (let i = 0; i < length; i++) strings.push(koffi.decode(pointer, i * POINTER_SIZE, 'const char *') as string);
    return strings;
  }

  readFloats(pointer: NativePointer | null, length: number): Float32Array {
    const out = new Float32Array(length);
    if (pointer && length > 0) this.#memcpy(out, pointer, out.byteLength);
    return out;
  }

  readShape(pointer: NativePointer | null, dim: number): number[] {
    const out = new BigUint64Array(dim);
    if (pointer && dim > 0) this.#memcpy(out, pointer, out.byteLength);
    return Array.from(out, Number);
  }

  readBytes(pointer: NativePointer | null, length: number): Uint8Array {
    const out = new Uint8Array(length);
    if (pointer && length > 0) this.#memcpy(out, pointer, out.byteLength);
    return out;
  }

  /** Address of a TypedArray's backing store, for __array_interface__ JSON handed to XGBoost. */
  addressOf(view: ArrayBufferView): bigint {
    return koffi.address(view);
  }
}

/**
 * Loads libxgboost from the first candidate that dlopen accepts. Tests and tools pass explicit
 * candidates; everything else goes through {@link xgboostLibrary}.
 */
export function loadXGBoostLibrary(candidates: readonly string[] = defaultLibraryCandidates()): XGBoostLibrary {
  const attempts: { candidate: string; error: string }[] = [];
  for (const candidate of candidates) {
    let lib: koffi.IKoffiLib;
    try {
      lib = koffi.load(candidate);
    } catch (error) {
      attempts.push({ candidate, error: (error as Error).message });
      continue;
    }
    return new XGBoostLibrary(candidate, lib);
  }
  throw new XGBoostLibraryNotFoundError(attempts);
}

let shared: XGBoostLibrary | undefined;

/** The process-wide (per worker thread) libxgboost, loaded on first use. */
export function xgboostLibrary(): XGBoostLibrary {
  shared ??= loadXGBoostLibrary();
  return shared;
}

/** Version reported by the loaded library's XGBoostVersion(), e.g. "1.7.4". */
export function xgboostVersion(): string {
  const { major, minor, patch } = xgboostLibrary().version;
  return `${major}.${minor}.${patch}`;
}

/** XGBuildInfo() as parsed JSON: compiler, OpenMP/CUDA flags. */
export function xgboostBuildInfo(): Record<string, unknown> {
  const lib = xgboostLibrary();
  const out: Out<string | null> = [null];
  lib.call('XGBuildInfo', out);
  return JSON.parse(out[0] ?? '{}') as Record<string, unknown>;
}
