import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { forbiddenAddressReason } from "./address-policy";
import { normalizeHost } from "./allowed-hosts";
import { SsrfRefusedError } from "./ssrf-error";

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type LookupOptions = { all?: boolean; family?: number | string };

/** Every address a name resolves to, in resolver order, refusing the lot if any one is internal. */
export async function resolveVetted(host: string, allowListed: boolean): Promise<LookupAddress[]> {
  const name = normalizeHost(host);
  if (isIP(name)) {
    const reason = allowListed ? null : forbiddenAddressReason(name);
    if (reason) throw new SsrfRefusedError(name, name, reason);
    return [{ address: name, family: isIP(name) }];
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(name, { all: true, verbatim: true }, (error, result) => (error ? reject(error) : resolve(result))),
  );
  if (addresses.length === 0) throw new Error(`${name} does not resolve to any address.`);
  if (!allowListed) {
    // All, not just the first: a name with one public and one private record must not be usable
    // to reach the private one when the connection falls back to the next address.
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address);
      if (reason) throw new SsrfRefusedError(name, address, reason);
    }
  }
  return addresses;
}

/**
 * A `lookup` for http(s).request that resolves and vets in one step, so the address the socket
 * connects to is exactly the one that was checked (no second resolution an attacker's DNS could
 * answer differently). Node calls it with `all: true` when it races address families.
 */
export function vettedLookup(allowListed: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveVetted(hostname, allowListed).then(
      (addresses) => {
        const family = typeof options.family === "number" && options.family !== 0 ? options.family : undefined;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address.`), { code: "ENOTFOUND" }), []);
        if (options.all) return callback(null, usable);
        const [first] = usable;
        callback(null, first!.address, first!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
