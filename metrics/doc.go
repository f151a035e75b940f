// Package metrics holds SEP Portal's Prometheus metrics, the answers to an
// operator's questions: how requests and searches (by kind) perform, how
// far the search index trails the store and how a rebuild progresses, what
// imports read, wrote and rejected, and how long store operations take.
//
// It may import claimcharts (for the Store it wraps) and search (for the
// index it watches), never server: the server records HTTP requests here,
// and cmd/sepportal serves Handler on its own listener (--metrics-addr),
// apart from the public one.
package metrics
