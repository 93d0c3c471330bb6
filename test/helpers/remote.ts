import { spawnSync } from 'node:child_process';

/** The "remote machine" of the test run (scripts/test-net.sh): a network namespace and its address. */
export const REMOTE = { namespace: 'hotline-remote', address: '10.231.0.2' } as const;

/** Whether a TCP connection from the remote machine to host:port is accepted. */
export function remoteCanConnect(host: string, port: number): boolean {
  const probe = spawnSync('ip', ['netns', 'exec', REMOTE.namespace, 'timeout', '3', 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`], { stdio: 'ignore' });
  return probe.status === 0;
}
