/** A refused destination. Never retried: the same name will keep pointing at the same kind of place. */
export class SsrfRefusedError extends Error {
  readonly address: string;

  constructor(host: string, address: string, reason: string) {
    const what = host === address ? `${host} is a ${reason} address` : `${host} resolves to ${address}, a ${reason} address`;
    super(`${what}; Parley only connects to public addresses.`);
    this.name = "SsrfRefusedError";
    this.address = address;
  }
}
