package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/msg"
	"sepportal/metrics"
)

// An import over the API is a job: the upload is received and checked
// while the caller waits, then imported in the background while the
// caller follows GET /api/v1/imports/{job}. Jobs live in the memory of
// the process that received the upload; what they wrote is in the store
// with its audit events, and importing a file again changes nothing that
// was already imported, so a job lost in a restart is re-sent, not
// repaired.

// Job limits.
const (
	// DefaultImportJobs is how many uploads may be received or imported at
	// once; past it POST /api/v1/imports answers 503 with Retry-After.
	DefaultImportJobs = 2
	// importJobTimeout bounds one job's import.
	importJobTimeout = time.Hour
	// keepJobs is how many finished jobs are kept, and keepJobsFor how
	// long: the older are forgotten.
	keepJobs    = 1000
	keepJobsFor = 24 * time.Hour
	// importRetryAfter is the Retry-After of an import refused for load.
	importRetryAfter = 30
)

// Job states.
const (
	jobRunning = "running"
	jobDone    = "done"
	jobFailed  = "failed"
)

// importJobs are the jobs of one server, with the slots that bound them.
type importJobs struct {
	mu     sync.Mutex
	jobs   map[string]*importJob
	byKey  map[string]string // caller and Idempotency-Key → job id ("" while receiving)
	slots  chan struct{}
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	now    func() time.Time
	// metrics record each job's rows, records and duration.
	metrics *metrics.Metrics
}

// importJob is one import: who asked, how it goes, and how it ended.
type importJob struct {
	id, caller, key string
	created         time.Time
	opts            lists.Options
	kind            lists.Kind
	file            bulk.Info
	log             *slog.Logger

	mu       sync.Mutex
	state    string
	progress jobProgress
	report   *lists.Report
	err      error // why a failed job failed
	finished time.Time
}

// jobProgress is what a running job has done so far.
type jobProgress struct {
	Rows     int `json:"rows_read"`
	Written  int `json:"records_written"`
	Rejected int `json:"rows_rejected"`
}

func newImportJobs(limit int, m *metrics.Metrics) *importJobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &importJobs{jobs: map[string]*importJob{}, byKey: map[string]string{}, slots: make(chan struct{}, limit),
		ctx: ctx, cancel: cancel, now: time.Now, metrics: m}
}

// acquire takes a slot for an upload, or reports false when all are taken.
func (js *importJobs) acquire() bool {
	select {
	case js.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

func (js *importJobs) release() { <-js.slots }

// reserve claims an Idempotency-Key of a caller for an upload being
// received. It returns the job the key already names, if any, and
// whether the key is free (an empty key always is).
func (js *importJobs) reserve(caller, key string) (*importJob, bool) {
	if key == "" {
		return nil, true
	}
	js.mu.Lock()
	defer js.mu.Unlock()
	id, taken := js.byKey[caller+"\x00"+key]
	if !taken {
		js.byKey[caller+"\x00"+key] = ""
		return nil, true
	}
	return js.jobs[id], false
}

// unreserve frees a key whose upload was refused, so that it may be sent again.
func (js *importJobs) unreserve(caller, key string) {
	if key == "" {
		return
	}
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.byKey[caller+"\x00"+key] == "" {
		delete(js.byKey, caller+"\x00"+key)
	}
}

// start registers a job and imports src in the background, holding the
// slot the upload took until the import ends; done is called then.
func (js *importJobs) start(job *importJob, reg *claimcharts.Registry, actor claimcharts.Actor, src lists.Source, done func()) {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	job.id, job.created, job.state = hex.EncodeToString(b), js.now(), jobRunning
	js.mu.Lock()
	js.forgetOld()
	js.jobs[job.id] = job
	if job.key != "" {
		js.byKey[job.caller+"\x00"+job.key] = job.id
	}
	js.mu.Unlock()
	job.opts.Progress = job.advance
	js.wg.Add(1)
	go func() {
		defer js.wg.Done()
		defer js.release()
		defer done()
		ctx, cancel := context.WithTimeout(js.ctx, importJobTimeout)
		defer cancel()
		observe := js.metrics.StartImport()
		rep, err := lists.Import(ctx, reg, actor, src, job.opts)
		observe(rep)
		job.end(rep, err, js.now())
	}()
}

// forgetOld drops finished jobs past keepJobsFor, and the oldest finished
// ones past keepJobs. The caller holds js.mu.
func (js *importJobs) forgetOld() {
	var oldest *importJob
	finished := 0
	for _, j := range js.jobs {
		state, at := j.ended()
		if state == jobRunning {
			continue
		}
		if js.now().Sub(at) > keepJobsFor {
			js.drop(j)
			continue
		}
		finished++
		if _, oat := oldest.ended(); oldest == nil || at.Before(oat) {
			oldest = j
		}
	}
	if finished >= keepJobs && oldest != nil {
		js.drop(oldest)
	}
}

func (js *importJobs) drop(j *importJob) {
	delete(js.jobs, j.id)
	if j.key != "" {
		delete(js.byKey, j.caller+"\x00"+j.key)
	}
}

// get finds a job that actor may see: its caller's, or any for an admin.
func (js *importJobs) get(actor claimcharts.Actor, id string) (*importJob, error) {
	js.mu.Lock()
	job := js.jobs[id]
	js.mu.Unlock()
	if job == nil || !actor.IsAdmin() && (actor.Anonymous() || job.caller != callerOf(actor)) {
		return nil, claimcharts.Says(claimcharts.ENOTFOUND, msg.NotFound, msg.Noun("import job"), strconv.Quote(id))
	}
	return job, nil
}

// close cancels the running jobs and waits for them to stop.
func (js *importJobs) close() {
	js.cancel()
	js.wg.Wait()
}

// wait waits until the jobs that are running have ended.
func (js *importJobs) wait() { js.wg.Wait() }

// callerOf names the caller a job belongs to: its token.
func callerOf(a claimcharts.Actor) string { return a.Token }

// advance records a running job's progress.
func (j *importJob) advance(rep lists.Report) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.progress = progressOf(&rep)
}

func progressOf(rep *lists.Report) jobProgress {
	return jobProgress{Rows: rep.Rows, Written: rep.Created + rep.Updated, Rejected: rep.Rejected}
}

// end records how a job ended: failed when the import stopped, or when it
// took none of the file (lists.Report.Refused); a re-import that changes
// nothing, beside rejected rows or not, succeeds with its counts.
func (j *importJob) end(rep *lists.Report, err error, at time.Time) {
	if err == nil && rep.Refused() {
		err = claimcharts.Says(claimcharts.EINVALID, msg.RowsRejected, rep.Rejected, rep.Rows)
	}
	if err != nil && statusOf[claimcharts.ErrorCode(err)] >= 500 && claimcharts.ErrorCode(err) != claimcharts.EUNAVAILABLE {
		j.log.Error("import job failed", slog.String("job", j.id), slog.String("error", err.Error()))
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.report, j.err, j.finished, j.state = rep, err, at, jobDone
	if rep != nil {
		j.progress = progressOf(rep)
	}
	if err != nil {
		j.state = jobFailed
	}
}

// ended is the job's state and when it finished.
func (j *importJob) ended() (string, time.Time) {
	if j == nil {
		return "", time.Time{}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state, j.finished
}

// emptySource is a list with a file's kind and columns and no row: an
// import of it checks what Import checks before reading a row (the
// caller's role, the pool), so that an upload it refuses is answered at
// once rather than as a failed job.
type emptySource struct{ src lists.Source }

func (e emptySource) Kind() lists.Kind           { return e.src.Kind() }
func (e emptySource) Columns() map[string]string { return e.src.Columns() }
func (e emptySource) Next() (lists.Row, error)   { return lists.Row{}, io.EOF }
