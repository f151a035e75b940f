// Package corpus generates a large, realistic registry for benchmarks:
// licensors, two standards with their section trees, a published pool,
// and N patents in families, each with claims in Chinese and English
// (some of the English claims real, from a sample of USPTO claims), a
// pool entry, a one-element claim chart mapped to the standard and a
// published determination. Numbers are spelt the many ways pool lists
// spell them. Records go to the store through Store.PutMany in batches,
// as the registry would write them, so the change feed and the audit
// trail are real.
//
// It imports claimcharts only; the command (sepportal gen-corpus) and the
// search benchmarks use it.
package corpus
