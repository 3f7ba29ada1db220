// Minimal typings for tar-fs 2 (the package ships none); only what the build context uses.
declare module 'tar-fs' {
  import { Readable } from 'stream';
  export interface Headers {
    name: string;
    mode?: number;
    mtime?: Date;
    size?: number;
    type?: string;
    uid?: number;
    gid?: number;
    uname?: string;
    gname?: string;
    linkname?: string;
  }
  export interface Pack extends Readable {
    entry(header: Headers, content?: Buffer | string, cb?: (err?: Error) => void): void;
    finalize(): void;
  }
  export interface PackOptions {
    entries?: string[];
    ignore?: (name: string) => boolean;
    map?: (header: Headers) => Headers;
    umask?: number;
    sort?: boolean;
    finalize?: boolean;
    finish?: (pack: Pack) => void;
    dereference?: boolean;
  }
  export function pack(cwd: string, opts?: PackOptions): Pack;
  export function extract(cwd: string, opts?: { ignore?: (name: string) => boolean }): import('stream').Writable;
}
