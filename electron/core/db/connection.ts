import sqlite3 from 'sqlite3';

export type SqlValue = string | number | null | bigint | Buffer;
export type SqlParams = SqlValue[] | Record<string, SqlValue>;

export interface RunResult {
  changes: number;
  lastID: number;
}

/** Reads: on the reader connection, or inside a write transaction (which sees its own changes). */
export interface Readable {
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
}

/** Reads and writes: only ever handed out inside a write transaction. */
export interface Queryable extends Readable {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
}

/** Promise wrapper over one sqlite3 connection. */
export class Connection implements Queryable {
  private constructor(private readonly raw: sqlite3.Database) {}

  static open(file: string, mode = sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(file, mode, (err) =>
        err ? reject(err) : resolve(new Connection(raw)),
      );
    });
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.raw.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
    );
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.raw.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T | undefined))),
    );
  }

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return new Promise((resolve, reject) =>
      this.raw.run(sql, params, function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
  }
}
