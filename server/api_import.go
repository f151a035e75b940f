package server

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/msg"
)

// DefaultMaxImport caps an import upload (64 MiB): a pool list of 100,000
// families as CSV fits several times over.
const DefaultMaxImport = 64 << 20

// uploadTimeout bounds receiving one upload (64 MiB at 220 KB/s); the
// import itself runs as a job, after the answer.
const uploadTimeout = 5 * time.Minute

// imports handles bulk import and export.
type imports struct {
	s    *Server
	max  int64
	jobs *importJobs
}

// routeImports adds POST /api/v1/imports, its jobs and the exports of a
// pool's lists. The upload has its own body limit instead of the API's,
// so it is routed beside the /api/v1 group, with the group's
// authentication.
func (s *Server) routeImports(g *gin.RouterGroup) {
	h := &imports{s: s, max: s.maxImport, jobs: s.jobs}
	s.engine.POST("/api/v1/imports", s.authenticate, requireTokenForWrites, h.upload)
	g.GET("/imports/:job", h.job)
	g.GET("/pools/:pool/export", h.export)
}

// upload receives a multipart upload (the file, and the fields pool,
// kind, format, dry_run and atomic), checks that it can be read as a list
// and that the caller may import it, and starts the import as a job:
// 202 Accepted with the job's URL. A caller's upload with an
// Idempotency-Key it sent before answers that job again.
func (h *imports) upload(c *gin.Context) {
	a := actor(c)
	if !a.IsAdmin() && a.Role != claimcharts.RoleLicensor {
		abort(c, claimcharts.Forbidden(a, msg.ActImportLists))
		return
	}
	key, err := idempotencyKey(c)
	if err != nil {
		abort(c, err)
		return
	}
	if c.Request.ContentLength > h.max {
		abort(c, claimcharts.Says(claimcharts.ETOOLARGE, msg.SizeOver, msg.Noun("upload"), c.Request.ContentLength, h.max))
		return
	}
	caller := callerOf(a)
	if job, free := h.jobs.reserve(caller, key); !free {
		h.answerExisting(c, job)
		return
	}
	if !h.jobs.acquire() {
		h.jobs.unreserve(caller, key)
		c.Header("Retry-After", strconv.Itoa(importRetryAfter))
		abort(c, claimcharts.Says(claimcharts.EUNAVAILABLE, msg.ImportsBusy, cap(h.jobs.slots)))
		return
	}
	job, r, cleanup, err := h.prepare(c, a)
	if err != nil {
		cleanup()
		h.jobs.release()
		h.jobs.unreserve(caller, key)
		abort(c, err)
		return
	}
	job.caller, job.key, job.log = caller, key, logger(c)
	h.jobs.start(job, h.s.registry, a, r, cleanup)
	h.answerJob(c, http.StatusAccepted, job)
}

// prepare receives the upload, opens it as a list and checks, with an
// import of no rows, that the caller may import it; cleanup releases the
// file, after the job.
func (h *imports) prepare(c *gin.Context, a claimcharts.Actor) (*importJob, *bulk.Reader, func(), error) {
	// A large list takes longer to send than the server's timeouts for
	// other requests allow; the answer follows at once.
	rc := http.NewResponseController(c.Writer)
	rc.SetReadDeadline(time.Now().Add(uploadTimeout))
	rc.SetWriteDeadline(time.Now().Add(uploadTimeout + time.Minute))
	var r *bulk.Reader
	up, err := h.receive(c)
	cleanup := func() {
		if r != nil {
			r.Close()
		}
		if up.path != "" {
			os.Remove(up.path)
		}
	}
	if err != nil {
		return nil, nil, cleanup, err
	}
	if r, err = bulk.Open(up.path, bulk.Options{Kind: up.kind, Format: up.format, MaxUnzipped: min(8*h.max, bulk.DefaultMaxUnzipped)}); err != nil {
		return nil, nil, cleanup, err
	}
	check := up.opts
	check.DryRun = true
	if _, err := lists.Import(c.Request.Context(), h.s.registry, a, emptySource{r}, check); err != nil {
		return nil, nil, cleanup, err
	}
	return &importJob{opts: up.opts, kind: r.Kind(), file: r.Info()}, r, cleanup, nil
}

// idempotencyKey reads the Idempotency-Key header: up to 255 visible
// ASCII characters.
func idempotencyKey(c *gin.Context) (string, error) {
	key := c.GetHeader("Idempotency-Key")
	if len(key) > 255 || strings.ContainsFunc(key, func(r rune) bool { return r < '!' || r > '~' }) {
		return "", badParam("Idempotency-Key", msg.VisibleASCII)
	}
	return key, nil
}

// answerExisting answers a re-sent upload with the job its key names, or
// 409 while the first upload with that key is still being received.
func (h *imports) answerExisting(c *gin.Context, job *importJob) {
	if job == nil {
		abort(c, claimcharts.Says(claimcharts.ECONFLICT, msg.UploadPending))
		return
	}
	h.answerJob(c, http.StatusAccepted, job)
}

// job answers GET /api/v1/imports/{job}: its caller's or, for an admin,
// any job; 404 for others, as for a job that does not exist.
func (h *imports) job(c *gin.Context) {
	job, err := h.jobs.get(actor(c), c.Param("job"))
	if err != nil {
		abort(c, err)
		return
	}
	h.answerJob(c, http.StatusOK, job)
}

// jobAnswer is a job as the API shows it.
type jobAnswer struct {
	ID       string        `json:"id"`
	State    string        `json:"state"`
	Kind     lists.Kind    `json:"kind"`
	Pool     string        `json:"pool,omitempty"`
	Source   string        `json:"source,omitempty"`
	DryRun   bool          `json:"dry_run"`
	Atomic   bool          `json:"atomic"`
	Created  time.Time     `json:"created_at"`
	Finished *time.Time    `json:"finished_at,omitempty"`
	Progress jobProgress   `json:"progress"`
	File     bulk.Info     `json:"file"`
	Report   *lists.Report `json:"report,omitempty"`
	Problem  *Problem      `json:"problem,omitempty"`
}

// answerJob answers a job with its URL in Location.
func (h *imports) answerJob(c *gin.Context, status int, job *importJob) {
	job.mu.Lock()
	ans := jobAnswer{ID: job.id, State: job.state, Kind: job.kind, Pool: job.opts.Pool, Source: job.opts.Source, DryRun: job.opts.DryRun,
		Atomic: job.opts.Atomic, Created: job.created.UTC(), Progress: job.progress, File: job.file, Report: job.report.In(lang(c))}
	if !job.finished.IsZero() {
		at := job.finished.UTC()
		ans.Finished = &at
	}
	if job.err != nil {
		p := problemOf(c, job.err)
		importFailure(job.report, &job.file)(&p, lang(c))
		ans.Problem = &p
	}
	job.mu.Unlock()
	c.Header("Location", "/api/v1/imports/"+job.id)
	c.Header("Cache-Control", "no-store")
	c.JSON(status, ans)
}

// upload is a received import: the file in a temporary place and the
// fields that say how to read it.
type upload struct {
	path   string
	kind   lists.Kind
	format bulk.Format
	opts   lists.Options
}

// receive reads the multipart body, keeping the file in a temporary file
// within the limit.
func (h *imports) receive(c *gin.Context) (upload, error) {
	var up upload
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt != "multipart/form-data" {
		return up, claimcharts.Says(codeUnsupportedMedia, msg.SendMultipart, c.GetHeader("Content-Type"))
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, h.max)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return up, claimcharts.Says(claimcharts.EINVALID, msg.MultipartBad, err.Error())
	}
	fields := map[string]string{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return up, h.readError(err)
		}
		if part.FormName() == "file" {
			if up.path != "" {
				return up, claimcharts.Says(claimcharts.EINVALID, msg.SendOneFile).With(claimcharts.Because("file", msg.GiveOnce))
			}
			up.opts.Source = filepath.Base(part.FileName())
			if up.path, err = h.spool(part, up.opts.Source); err != nil {
				return up, err
			}
			continue
		}
		v, err := io.ReadAll(io.LimitReader(part, 1<<10))
		if err != nil {
			return up, h.readError(err)
		}
		fields[part.FormName()] = strings.TrimSpace(string(v))
	}
	if up.path == "" {
		return up, claimcharts.Says(claimcharts.EINVALID, msg.NoFileSent).With(claimcharts.Because("file", msg.FileRequired))
	}
	return up, up.options(fields)
}

// spool copies the file part into a temporary file, keeping its extension
// so that the format can be told from it.
func (h *imports) spool(part io.Reader, name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if len(ext) > 8 || strings.ContainsFunc(ext, func(r rune) bool { return !(r == '.' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9') }) {
		ext = ""
	}
	f, err := os.CreateTemp("", "sepportal-import-*"+ext)
	if err != nil {
		return "", claimcharts.Internal(err)
	}
	if _, err := io.Copy(f, part); err != nil {
		f.Close()
		return f.Name(), h.readError(err)
	}
	return f.Name(), f.Close()
}

// readError explains a failure to read the upload: too large, or broken.
func (h *imports) readError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return claimcharts.Says(claimcharts.ETOOLARGE, msg.SizeOverLimit, msg.Noun("upload"), h.max)
	}
	return claimcharts.Says(claimcharts.EINVALID, msg.UploadUnreadable, err.Error())
}

// options reads the form fields.
func (up *upload) options(fields map[string]string) error {
	for name := range fields {
		switch name {
		case "pool", "kind", "format", "dry_run", "atomic":
		default:
			return claimcharts.Says(claimcharts.EINVALID, msg.UnknownFormField).With(
				claimcharts.Because(name, msg.NotAParam, "file, pool, kind, format, dry_run, atomic"))
		}
	}
	up.opts.Pool, up.kind = fields["pool"], lists.Kind(fields["kind"])
	if up.kind == "" && up.opts.Pool != "" {
		up.kind = lists.PoolList
	}
	if up.kind != "" && !up.kind.Valid() {
		return lists.KindError(up.kind)
	}
	var err error
	if up.format, err = bulk.ParseFormat(fields["format"]); err != nil {
		return badChoice(msg.UnknownFormat, "format", fields["format"], "csv", "xlsx", "jsonl")
	}
	for name, to := range map[string]*bool{"dry_run": &up.opts.DryRun, "atomic": &up.opts.Atomic} {
		if v := fields[name]; v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return badParam(name, msg.TrueOrFalse)
			}
			*to = b
		}
	}
	return nil
}

// importExtras are the members an import's problem adds to RFC 9457's.
type importExtras struct {
	Report *lists.Report `json:"report,omitempty"`
	File   *bulk.Info    `json:"file,omitempty"`
}

// importFailure adds to an import's problem the rejections as field
// errors ("rows[12].同族专利") and the whole report.
func importFailure(rep *lists.Report, info *bulk.Info) problemPart {
	return func(p *Problem, lang string) {
		p.more = importExtras{Report: rep.In(lang), File: info}
		if rep == nil {
			return
		}
		for _, is := range rep.Rejections {
			path := "rows"
			if is.Row > 0 {
				path += "[" + strconv.Itoa(is.Row) + "]"
			}
			if is.Column != "" {
				path += "." + is.Column
			}
			reason := claimcharts.FieldError{Reason: is.Reason, Key: is.Key, Args: is.Args}.In(lang)
			p.Errors = append(p.Errors, claimcharts.FieldError{Path: path, Reason: reason})
		}
	}
}

// contentTypes are the media types of exports.
var contentTypes = map[bulk.Format]string{
	bulk.CSV:   "text/csv; charset=utf-8",
	bulk.XLSX:  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	bulk.JSONL: "application/x-ndjson",
}

// export answers a pool's list, patents or charts as a file, with what
// the caller may see.
func (h *imports) export(c *gin.Context) {
	asOf, err := asOfParam(c)
	if err == nil && c.Query("format") == "pdf" {
		h.s.poolListPDF(c, asOf)
		return
	}
	kind, format, lang, err := exportParams(c, err)
	if err != nil {
		abort(c, err)
		return
	}
	ctx, a, pool := c.Request.Context(), actor(c), c.Param("pool")
	poolRec, err := h.s.registry.Pool(ctx, a, pool)
	if err != nil {
		abort(c, err)
		return
	}
	w := &lazyWriter{c: c, headers: func() {
		c.Header("Content-Type", contentTypes[format])
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.%s"`, pool, kind, format))
		if !a.Anonymous() {
			c.Header("Cache-Control", "no-store")
		}
		c.Status(http.StatusOK)
	}}
	lw, err := bulk.NewWriter(w, format, kind, lang)
	if err == nil {
		lw.SetTitle(bulk.Title{Pool: poolRec.Name.In(lang), AsOf: asOf})
		err = lists.Export(ctx, h.s.registry, a, kind, lists.Scope{Pool: pool, AsOf: asOf}, lw.Write)
	}
	if err == nil {
		err = lw.Close()
	}
	switch {
	case err != nil && !w.started:
		abort(c, err)
	case err != nil:
		// The answer has begun: end it short, so that the client sees a
		// broken transfer rather than a list that looks complete.
		logger(c).Error("export failed part way", slog.String("error", err.Error()))
		panic(http.ErrAbortHandler)
	}
}

// exportParams reads kind, format and lang, refusing other parameters but
// as_of, whose error (asOfErr) it passes on.
func exportParams(c *gin.Context, asOfErr error) (lists.Kind, bulk.Format, string, error) {
	for name := range c.Request.URL.Query() {
		if name != "kind" && name != "format" && name != "lang" && name != "as_of" {
			return "", "", "", unknownParam(name, []string{"kind", "format", "lang", "as_of"})
		}
	}
	if asOfErr != nil {
		return "", "", "", asOfErr
	}
	kind := lists.Kind(c.DefaultQuery("kind", string(lists.PoolList)))
	if !kind.Valid() {
		return "", "", "", lists.KindError(kind)
	}
	format, err := bulk.ParseFormat(c.DefaultQuery("format", string(bulk.CSV)))
	if err != nil || format == "" {
		return "", "", "", badChoice(msg.UnknownFormat, "format", c.Query("format"), "csv", "xlsx", "jsonl", "pdf")
	}
	return kind, format, lang(c), nil
}

// asOfParam reads the as_of parameter: a day, or empty for today's list.
func asOfParam(c *gin.Context) (claimcharts.Date, error) {
	s, ok := c.GetQuery("as_of")
	if !ok {
		return "", nil
	}
	return claimcharts.ParseDate("as_of", s)
}

// lazyWriter writes the answer's headers before its first byte, so that
// an export that fails before writing anything can still answer a problem.
type lazyWriter struct {
	c       *gin.Context
	headers func()
	started bool
}

func (w *lazyWriter) Write(p []byte) (int, error) {
	if !w.started {
		w.started = true
		w.headers()
	}
	return w.c.Writer.Write(p)
}
