/** The time source of the domain; injected so tests control expiry and retention. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();
