// Preloaded with `node --import` by the offline test: every way out of the process (DNS through
// c-ares or getaddrinfo, UDP, TCP) is recorded on stderr as "NETWORK-ATTEMPT <what>" and refused.
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

function refuse(what) {
  process.stderr.write(`NETWORK-ATTEMPT ${what}\n`);
  throw new Error(`network use refused by the test: ${what}`);
}
for (const proto of [dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key.startsWith('resolve') || key === 'reverse') proto[key] = () => refuse(`dns.${key}`);
  }
}
for (const key of Object.keys(dns.promises)) {
  if (key.startsWith('resolve') || key === 'lookup' || key === 'reverse')
    dns.promises[key] = () => refuse(`dns.promises.${key}`);
}
dns.lookup = () => refuse('dns.lookup');
dgram.Socket.prototype.send = () => refuse('udp send');
net.Socket.prototype.connect = () => refuse('tcp connect');
