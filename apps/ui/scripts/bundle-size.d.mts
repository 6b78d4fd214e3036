export const INITIAL_JS_BUDGET_BYTES: number;
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
export function initialChunks(manifest: Record<string, ManifestChunk>): { js: string[]; css: string[] };
export interface SizedFile {
  file: string;
  raw: number;
  gzip: number;
}
export function measure(outDir: string): { initialJs: SizedFile[]; initialCss: SizedFile[]; lazy: SizedFile[]; initialJsGzip: number; lazyGzip: number };
