/** A Redis server's address (a cluster node's, or the one server's). */
export interface NodeAddress {
  host: string;
  port: number;
}

export const addressOf = ({ host, port }: NodeAddress): string => `${host}:${port}`;

export function parseAddress(address: string): NodeAddress {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}
