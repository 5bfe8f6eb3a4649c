// Stands in for the `server-only` and `client-only` marker packages under vitest. `server-only`
// throws unless the bundler sets the react-server condition, which vitest does not; both are
// aliased so a test can import any module, server or browser, the same way.
export {};
