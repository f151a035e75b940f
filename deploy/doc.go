// Package deploy holds what runs SEP Portal in production beside the
// binary: the example Caddy configuration of compose.yaml, and the tests
// that keep compose.yaml, the Dockerfile and the README in agreement. It
// has no code of its own.
package deploy
