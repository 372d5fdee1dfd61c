/** The only source of time: the domain receives dates as values. */
export interface Clock {
  now(): Date;
}
