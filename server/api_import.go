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
)

// DefaultMaxImport caps an import upload (64 MiB): a pool list of 100,000
// families as CSV fits several times over.
const DefaultMaxImport = 64 << 20

// importTimeout bounds reading and answering one import.
const importTimeout = 30 * time.Minute

// imports handles bulk import and export.
type imports struct {
	s   *Server
	max int64
}

// routeImports adds POST /api/v1/imports and the exports of a pool's
// lists. The import has its own body limit instead of the API's, so it is
// routed beside the /api/v1 group, with the group's authentication.
func (s *Server) routeImports(g *gin.RouterGroup) {
	h := &imports{s: s, max: s.maxImport}
	s.engine.POST("/api/v1/imports", s.authenticate, requireTokenForWrites, h.upload)
	g.GET("/pools/:pool/export", h.export)
}

// upload imports a multipart upload: the file, and the fields pool, kind,
// format, dry_run and atomic.
func (h *imports) upload(c *gin.Context) {
	a := actor(c)
	if !a.IsAdmin() && a.Role != claimcharts.RoleLicensor {
		abort(c, httpError(claimcharts.EFORBIDDEN, "a %s token may not import lists", a.Role))
		return
	}
	if c.Request.ContentLength > h.max {
		abort(c, httpError(claimcharts.ETOOLARGE, "the upload is %d bytes; the limit is %d", c.Request.ContentLength, h.max))
		return
	}
	// A large list takes longer to send and to import than the server's
	// timeouts for other requests allow.
	rc := http.NewResponseController(c.Writer)
	rc.SetReadDeadline(time.Now().Add(importTimeout))
	rc.SetWriteDeadline(time.Now().Add(importTimeout))
	up, err := h.receive(c)
	if up.path != "" {
		defer os.Remove(up.path)
	}
	if err != nil {
		abort(c, err)
		return
	}
	r, err := bulk.Open(up.path, bulk.Options{Kind: up.kind, Format: up.format, MaxUnzipped: 16 * h.max})
	if err != nil {
		abort(c, err)
		return
	}
	defer r.Close()
	rep, err := lists.Import(c.Request.Context(), h.s.registry, a, r, up.opts)
	info := r.Info()
	switch {
	case err != nil && rep.Rows == 0 && len(rep.Rejections) == 0:
		abort(c, err) // refused before reading a row: the pool, the role
	case err != nil:
		abort(c, err, importFailure(rep, &info))
	case rep.Refused():
		abort(c, claimcharts.Invalid(fmt.Sprintf("%d of %d rows were rejected and nothing was written", rep.Rejected, rep.Rows)), importFailure(rep, &info))
	default:
		c.Header("Cache-Control", "no-store")
		c.JSON(http.StatusOK, importAnswer{Report: rep, File: info})
	}
}

// importAnswer is an import's report with what was read of the file.
type importAnswer struct {
	*lists.Report
	File bulk.Info `json:"file"`
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
		return up, httpError(codeUnsupportedMedia, "send the file as multipart/form-data (a part named file), not %q", c.GetHeader("Content-Type"))
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, h.max)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return up, claimcharts.Invalid("the multipart body cannot be read: " + err.Error())
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
				return up, claimcharts.Invalid("send one file", claimcharts.FieldError{Path: "file", Reason: "appears twice"})
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
		return up, claimcharts.Invalid("no file was sent", claimcharts.FieldError{Path: "file", Reason: "is required: a CSV, XLSX or JSON Lines list"})
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
		return httpError(claimcharts.ETOOLARGE, "the upload is larger than the limit of %d bytes", h.max)
	}
	return claimcharts.Invalid("the upload cannot be read: " + err.Error())
}

// options reads the form fields.
func (up *upload) options(fields map[string]string) error {
	for name := range fields {
		switch name {
		case "pool", "kind", "format", "dry_run", "atomic":
		default:
			return claimcharts.Invalid("unknown form field", claimcharts.FieldError{Path: name, Reason: "use file, pool, kind, format, dry_run or atomic"})
		}
	}
	up.opts.Pool, up.kind = fields["pool"], lists.Kind(fields["kind"])
	if up.kind == "" && up.opts.Pool != "" {
		up.kind = lists.PoolList
	}
	if up.kind != "" && !up.kind.Valid() {
		return claimcharts.Invalid("unknown kind of list", claimcharts.FieldError{Path: "kind", Reason: "use pool-list, patents or charts"})
	}
	var err error
	if up.format, err = bulk.ParseFormat(fields["format"]); err != nil {
		return claimcharts.Invalid("unknown format", claimcharts.FieldError{Path: "format", Reason: "use csv, xlsx or jsonl"})
	}
	for name, to := range map[string]*bool{"dry_run": &up.opts.DryRun, "atomic": &up.opts.Atomic} {
		if v := fields[name]; v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return claimcharts.Invalid("bad form field", claimcharts.FieldError{Path: name, Reason: "must be true or false"})
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
		p.more = importExtras{Report: rep, File: info}
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
			return "", "", "", claimcharts.Invalid("unknown query parameter", claimcharts.FieldError{Path: name, Reason: "use kind, format, lang or as_of"})
		}
	}
	if asOfErr != nil {
		return "", "", "", asOfErr
	}
	kind := lists.Kind(c.DefaultQuery("kind", string(lists.PoolList)))
	if !kind.Valid() {
		return "", "", "", claimcharts.Invalid("unknown kind of list", claimcharts.FieldError{Path: "kind", Reason: "use pool-list, patents or charts"})
	}
	format, err := bulk.ParseFormat(c.DefaultQuery("format", string(bulk.CSV)))
	if err != nil || format == "" {
		return "", "", "", claimcharts.Invalid("unknown format", claimcharts.FieldError{Path: "format", Reason: "use csv, xlsx, jsonl or pdf"})
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
