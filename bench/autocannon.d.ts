// The part of autocannon 8 (no bundled types) that bench/http-load.ts uses.
declare module 'autocannon' {
  /** One request of a sequence each connection cycles through (bench/cluster.ts). */
  export interface Request {
    method?: 'GET' | 'POST' | 'PUT';
    path: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Options {
    /** Several: the connections are spread over them. */
    url: string | string[];
    requests?: Request[];
    connections?: number;
    duration?: number;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
  }
  interface Histogram {
    average: number;
    mean: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    /** Answers by HTTP status code. */
    statusCodeStats?: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
