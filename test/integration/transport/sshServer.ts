// A small SSH server on 127.0.0.1 (ssh2) standing in for a remote Docker host: it accepts one client
// public key, and answers `docker system dial-stdio` by piping the channel to the private engine's
// socket. It records what reached it, so a test can prove that a refused connection carried nothing.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Server, utils, type Connection, type ParsedKey } from 'ssh2';

export interface KeyPair {
  /** OpenSSH private key text. */
  readonly private: string;
  /** `ssh-ed25519 AAAA…` */
  readonly public: string;
}

export function newKeyPair(): KeyPair {
  // ssh2's generator drops a leading zero byte of the ed25519 key (about 1 key in 300), which makes
  // a malformed key: draw again until the key parses.
  for (;;) {
    const k = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(k.private) instanceof Error) && !(utils.parseKey(k.public) instanceof Error)) {
      return { private: k.private, public: k.public.split(' ').slice(0, 2).join(' ') };
    }
  }
}

/** The fingerprint OpenSSH prints for a public key line: SHA256:<unpadded base64 of sha256(blob)>. */
export function fingerprint(publicLine: string): string {
  const blob = Buffer.from(publicLine.split(' ')[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** A hashed known_hosts host field, as `ssh-keygen -H` writes it. */
export function hashedHost(name: string): string {
  const salt = randomBytes(20);
  const mac = createHmac('sha1', salt).update(name).digest();
  return `|1|${salt.toString('base64')}|${mac.toString('base64')}`;
}

export interface SshServerOptions {
  readonly hostKey: string;
  readonly clientPublicKey: string;
  /** Unix socket of the engine that `docker system dial-stdio` reaches. */
  readonly engineSocket: string;
  /** Answer every command like a host without the docker CLI. */
  readonly withoutDocker?: boolean;
  /** Act as a jump host: forward direct-tcpip channels to 127.0.0.1 ports (ProxyJump / ssh -W). */
  readonly jumpHost?: boolean;
}

export interface TestSshServer {
  readonly port: number;
  /** Authentication attempts and commands that reached the server. */
  readonly seen: { auth: number; users: string[]; execs: string[]; bytesToEngine: number; forwards: number };
  close(): Promise<void>;
}

export async function startSshServer(o: SshServerOptions): Promise<TestSshServer> {
  const allowed = utils.parseKey(o.clientPublicKey) as ParsedKey;
  if (allowed instanceof Error) throw allowed;
  const seen = { auth: 0, users: [] as string[], execs: [] as string[], bytesToEngine: 0, forwards: 0 };
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [o.hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      seen.auth++;
      if (!seen.users.includes(ctx.username)) seen.users.push(ctx.username);
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const sameKey = ctx.key.algo === allowed.type && ctx.key.data.length === allowed.getPublicSSH().length && timingSafeEqual(ctx.key.data, allowed.getPublicSSH());
      if (!sameKey) return ctx.reject(['publickey']);
      if (!ctx.signature) return ctx.accept(); // the client asks whether this key would do
      if (ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      return ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      client.on('tcpip', (accept, reject, info) => {
        if (!o.jumpHost || info.destIP !== '127.0.0.1') return reject();
        seen.forwards++;
        const channel = accept();
        const target = net.connect(info.destPort, '127.0.0.1');
        channel.pipe(target).pipe(channel);
        target.on('error', () => channel.close());
        channel.on('close', () => target.destroy());
      });
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, info) => {
          seen.execs.push(info.command);
          const channel = accept();
          if (o.withoutDocker || info.command !== 'docker system dial-stdio') {
            channel.stderr.write(`sh: 1: ${info.command.split(' ')[0]}: not found\n`);
            channel.exit(127);
            channel.end();
            return;
          }
          const engine = net.connect(o.engineSocket);
          channel.on('data', (d: Buffer) => (seen.bytesToEngine += d.length));
          channel.pipe(engine);
          engine.pipe(channel);
          engine.on('error', () => channel.close());
          engine.on('end', () => {
            channel.exit(0);
            channel.end();
          });
          channel.on('close', () => engine.destroy());
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

/** Writes an ssh_config for `ssh -F`, isolated from the user's own ~/.ssh. */
export function writeSshConfig(dir: string, body: string): string {
  const file = path.join(dir, `ssh_config_${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(file, body, { mode: 0o600 });
  return file;
}
