package server

import (
	"sepportal/metrics"

	"fmt"
	"testing"
	"time"
)

// TestFinishedJobsAreForgotten bounds the job table: a finished job is
// forgotten, with its Idempotency-Key, after a day, and past keepJobs the
// oldest finished one goes; a running job stays.
func TestFinishedJobsAreForgotten(t *testing.T) {
	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	js := newImportJobs(1, metrics.New())
	js.now = func() time.Time { return now }
	add := func(id, state string, finished time.Time) {
		js.jobs[id] = &importJob{id: id, caller: "tok", key: "k-" + id, state: state, finished: finished}
		js.byKey["tok\x00k-"+id] = id
	}
	add("running", jobRunning, time.Time{})
	add("old", jobDone, now.Add(-keepJobsFor-time.Minute))
	add("oldest-recent", jobFailed, now.Add(-time.Hour))
	for i := range keepJobs - 1 {
		add(fmt.Sprint("recent-", i), jobDone, now.Add(-time.Duration(i)*time.Second))
	}
	js.forgetOld()
	for id, kept := range map[string]bool{"running": true, "old": false, "oldest-recent": false, "recent-0": true} {
		if _, ok := js.jobs[id]; ok != kept {
			t.Errorf("job %s kept: %v, want %v", id, ok, kept)
		}
		if _, ok := js.byKey["tok\x00k-"+id]; ok != kept {
			t.Errorf("key of job %s kept: %v, want %v", id, ok, kept)
		}
	}
	if n := len(js.jobs); n != keepJobs {
		t.Errorf("%d jobs kept, want %d (the running one and %d finished)", n, keepJobs, keepJobs-1)
	}
}
