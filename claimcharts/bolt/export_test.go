package bolt

// SetPrewarmBatch sets how many records Prewarm reads per transaction,
// until the test ends.
func SetPrewarmBatch(cleanup func(func()), n int) {
	old := prewarmBatch
	prewarmBatch = n
	cleanup(func() { prewarmBatch = old })
}
