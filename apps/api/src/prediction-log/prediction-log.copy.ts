import type { PredictionLogRow } from './prediction-log.sql';

/**
 * The columns a COPY writes, in order (actual_winner and feedback_at stay NULL until feedback).
 * Binary COPY is the cheapest way into PostgreSQL: no SQL text, no parameter list, and above all no
 * float parsing — a row's 137 features go in as 548 bytes of float4 instead of ~1.4 kB of text
 * that the server would read back digit by digit.
 */
export const COPY_COLUMNS = [
  'id',
  'created_at',
  'endpoint',
  'model_name',
  'model_version',
  'feature_version',
  'pokemon_a_id',
  'pokemon_b_id',
  'move_a_id',
  'move_b_id',
  'request',
  'features',
  'probability',
  'simulated_win_rate',
] as const;

export const COPY_STATEMENT = `COPY prediction_log (${COPY_COLUMNS.join(',')}) FROM STDIN (FORMAT binary)`;

/** "PGCOPY\n\377\r\n\0", flags, header extension length (PostgreSQL's COPY binary format). */
const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const FLOAT4_OID = 700;
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in ms since 1970. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Grows as rows are written; one buffer per batch. */
class Writer {
  private buf: Buffer;
  /** Big-endian numbers through a DataView: several times cheaper than Buffer's checked writers. */
  private view: DataView;
  private at = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.length);
  }

  bytes(b: Buffer): void {
    this.room(b.length);
    b.copy(this.buf, this.at);
    this.at += b.length;
  }

  int16(v: number): void {
    this.room(2);
    this.at = this.buf.writeInt16BE(v, this.at);
  }

  int32(v: number): void {
    this.room(4);
    this.at = this.buf.writeInt32BE(v, this.at);
  }

  /** A field: its length, then its bytes. */
  text(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.room(4 + n);
    this.at = this.buf.writeInt32BE(n, this.at);
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  jsonb(value: unknown): void {
    const s = JSON.stringify(value);
    const n = Buffer.byteLength(s, 'utf8');
    this.room(5 + n);
    this.at = this.buf.writeInt32BE(n + 1, this.at);
    this.at = this.buf.writeUInt8(1, this.at); // jsonb binary format version
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  uuid(id: string): void {
    if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
    this.room(20);
    this.at = this.buf.writeInt32BE(16, this.at);
    this.at += this.buf.write(id.replace(/-/g, ''), this.at, 'hex');
  }

  timestamptz(date: Date): void {
    this.room(12);
    this.at = this.buf.writeInt32BE(8, this.at);
    this.at = this.buf.writeBigInt64BE(BigInt(date.getTime() - PG_EPOCH_MS) * 1000n, this.at);
  }

  int4(v: number): void {
    this.room(8);
    this.at = this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeInt32BE(v, this.at);
  }

  float4(v: number | null): void {
    if (v === null) return this.int32(-1);
    this.room(8);
    this.at = this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeFloatBE(v, this.at);
  }

  /** A one-dimensional float4[] without NULLs. */
  float4Array(values: Float32Array): void {
    const n = values.length;
    this.room(4 + 20 + n * 8);
    this.at = this.buf.writeInt32BE(20 + n * 8, this.at);
    this.at = this.buf.writeInt32BE(1, this.at); // dimensions
    this.at = this.buf.writeInt32BE(0, this.at); // no NULL elements
    this.at = this.buf.writeInt32BE(FLOAT4_OID, this.at);
    this.at = this.buf.writeInt32BE(n, this.at);
    this.at = this.buf.writeInt32BE(1, this.at); // lower bound
    const view = this.view;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      view.setInt32(at, 4);
      view.setFloat32(at + 4, values[i]);
      at += 8;
    }
    this.at = at;
  }

  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

/** A whole COPY ... (FORMAT binary) stream for these rows: header, one tuple per row, trailer. */
export function copyBinary(rows: readonly PredictionLogRow[]): Buffer {
  const w = new Writer(SIGNATURE.length + 2 + rows.length * 1024);
  w.bytes(SIGNATURE);
  for (const r of rows) {
    w.int16(COPY_COLUMNS.length);
    w.uuid(r.id);
    w.timestamptz(r.createdAt);
    w.text(r.endpoint);
    w.text(r.modelName);
    w.text(r.modelVersion);
    w.text(r.featureVersion);
    w.int4(r.pokemonAId);
    w.int4(r.pokemonBId);
    w.int4(r.moveAId);
    w.int4(r.moveBId);
    w.jsonb(r.request);
    w.float4Array(r.features);
    w.float4(r.probability);
    w.float4(r.simulatedWinRate);
  }
  w.int16(-1);
  return w.done();
}
