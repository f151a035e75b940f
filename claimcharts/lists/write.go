package lists

import (
	"context"

	"sepportal/claimcharts/msg"
)

// Batches are written one behind the rows: while the store writes a batch,
// the next is staged (reading the batch in flight as if written), so that
// a machine's second core parses and checks rows while the first writes.
// If a batch fails, the one staged on top of it is not written either:
// its records may refer to what failed. The organizations each of them
// created are then forgotten (see holderIndex), so that a later row
// naming one creates it again.

// written is the outcome of a batch's write, sent back by the writer.
type written struct {
	out   flushed
	err   error
	units []stagedUnit
}

// flush ends the staged batch: in a dry run it counts it at once;
// otherwise it waits for the batch in flight, then starts writing this one
// (an atomic import waits for it too, so that it ends written or not).
func (im *importer) flush(ctx context.Context) error {
	if im.opts.DryRun {
		im.holders.handOver()
		im.record(flushed{done: im.stage.dryRun()})
		return nil
	}
	prevFailed := im.writing != nil
	if err := im.wait(); err != nil {
		return err
	}
	prevFailed = prevFailed && im.lastFailed
	b := im.stage.take()
	im.holders.handOver()
	if prevFailed {
		im.stage.release()
		im.forget()
		im.reject(b.units, msg.Says(msg.AfterUnwritten))
		return nil
	}
	ch := make(chan written, 1)
	im.writing = ch
	go func() {
		out, err := b.write(ctx, im.r.Store)
		ch <- written{out, err, b.units}
	}()
	if im.opts.Atomic {
		return im.wait()
	}
	return nil
}

// wait waits for the batch in flight, if any, and reports its outcome.
func (im *importer) wait() error {
	if im.writing == nil {
		return nil
	}
	w := <-im.writing
	im.writing = nil
	im.stage.release()
	if w.err != nil {
		im.lastFailed = true
		im.forget()
		im.reject(w.units, msg.Says(msg.NotWritten, reasonOf(w.err)))
		return w.err
	}
	im.record(w.out)
	return nil
}

// record adds a batch's outcome to the report.
func (im *importer) record(out flushed) {
	for _, u := range out.done {
		im.count(u.counts)
	}
	for _, f := range out.failed {
		im.reject([]stagedUnit{f.unit}, f.reason)
	}
	im.lastFailed = len(out.failed) > 0
	if im.lastFailed {
		im.forget()
	} else {
		im.holders.written()
	}
	im.rep.Written = im.rep.Written || out.wrote > 0
	if im.opts.Progress != nil {
		im.opts.Progress(*im.rep)
	}
}

// reject rejects the rows of units with reason.
func (im *importer) reject(units []stagedUnit, reason msg.Msg) {
	for _, u := range units {
		for _, line := range u.lines {
			im.rejectIssue(RowIssue{Row: line}.says(reason.Key, reason.Args...))
		}
	}
}
