// Stands in for `server-only` under vitest, which does not resolve the react-server condition.
export {};
