package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/xuri/excelize/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/bulk"
	"sepportal/claimcharts/lists"
)

// multipartBody is a multipart upload of file with form fields.
func multipartBody(tb testing.TB, name string, file []byte, fields map[string]string) ([]byte, map[string]string) {
	tb.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if name != "" {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			tb.Fatal(err)
		}
		fw.Write(file)
	}
	w.Close()
	return b.Bytes(), map[string]string{"Content-Type": w.FormDataContentType()}
}

// importReq is a POST /api/v1/imports by token.
func importReq(tb testing.TB, token, name string, file []byte, fields map[string]string) req {
	tb.Helper()
	body, header := multipartBody(tb, name, file, fields)
	return req{method: "POST", path: "/api/v1/imports", token: token, body: body, header: header}
}

func csvList(rows ...[]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.Bytes()
}

// poolXLSX is a pool list of pool "pub" with Chinese headers below a title.
func poolXLSX(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"测试专利池入池专利清单"}, {"族编号", "专利权人", "代表专利", "同族专利", "权利要求", "标准", "示例性参考章节"},
		{"F-1", "acme", "US 10,285,091 B2", "CN 103931153 A\nKR10-2152107", "1", "ITU-T H.265 (V8)", "ITU-T H.265 (V8): 8.5.3.2.2; Fig. 8-3"},
		{"F-2", "华为技术有限公司", "JP6637180", "", "", "", ""}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	var b bytes.Buffer
	f.Write(&b)
	return b.Bytes()
}

type importBody struct {
	Kind     string `json:"kind"`
	Rows     int    `json:"rows"`
	Created  int    `json:"created"`
	Rejected int    `json:"rejected"`
	Written  bool   `json:"written"`
	// Unchanged counts records the import found as the file has them.
	Unchanged int `json:"unchanged"`
	Records   map[string]struct {
		Created int `json:"created"`
	} `json:"records"`
	Rejections []lists.RowIssue `json:"rejections"`
}

// jobBody is an import job as GET /api/v1/imports/{job} answers it.
type jobBody struct {
	ID       string `json:"id"`
	State    string `json:"state"`
	Progress struct {
		Rows     int `json:"rows_read"`
		Written  int `json:"records_written"`
		Rejected int `json:"rows_rejected"`
	} `json:"progress"`
	File struct {
		Format    string `json:"format"`
		HeaderRow int    `json:"header_row"`
	} `json:"file"`
	Report  importBody `json:"report"`
	Problem *Problem   `json:"problem"`
}

// runImport uploads a file, which must be accepted as a job, waits for
// the job to end and answers it as its caller reads it.
func (e *testEnv) runImport(r req) jobBody {
	e.t.Helper()
	resp := e.must(http.StatusAccepted, r)
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, "/api/v1/imports/") {
		e.t.Fatalf("accepted upload: Location %q", loc)
	}
	e.srv.jobs.wait()
	var job jobBody
	e.must(http.StatusOK, req{method: "GET", path: loc, token: r.token}).JSON(e.t, &job)
	if job.State == jobRunning || "/api/v1/imports/"+job.ID != loc {
		e.t.Fatalf("job at %s: %+v", loc, job)
	}
	return job
}

func TestImportUpload(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	job := e.runImport(importReq(t, e.admin, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub"}))
	got := job.Report
	if job.State != jobDone || got.Kind != "pool-list" || got.Rows != 2 || got.Records["patent"].Created != 4 || !got.Written || job.File.HeaderRow != 2 ||
		job.Progress.Rows != 2 || job.Progress.Written < got.Created {
		t.Fatalf("admin's upload: %+v", job)
	}
	resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/" + "JP6637180"})
	if !bytes.Contains(resp.Body, []byte(`"published":true`)) {
		t.Fatalf("an imported patent is not public: %s", resp.Body)
	}
	// A licensor imports its own patents, not another organization's, and
	// no pool list.
	patents := csvList([]string{"Patent number", "Holder", "Title (EN)"}, []string{"EP 2 777 236 B1", "acme", "Corrected title"})
	job = e.runImport(importReq(t, e.licensor, "patents.csv", patents, nil))
	if got = job.Report; job.State != jobDone || got.Kind != "patents" || got.Rejected != 0 || !got.Written {
		t.Fatalf("licensor's own patents: %+v", job)
	}
	job = e.runImport(importReq(t, e.other, "patents.csv", patents, nil))
	if p := job.Problem; job.State != jobFailed || p == nil || p.Status != 400 || len(p.Errors) != 1 || p.Errors[0].Path != "rows[2].Patent number" ||
		!strings.Contains(p.Errors[0].Reason, "is held by another organization") || job.Progress.Rejected != 1 {
		t.Fatalf("another licensor's upload: %+v", job)
	}
	e.must(http.StatusForbidden, importReq(t, e.licensor, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub"}))
	e.must(http.StatusForbidden, importReq(t, e.reviewer, "patents.csv", patents, nil))
	e.must(http.StatusUnauthorized, importReq(t, "", "patents.csv", patents, nil))
}

func TestImportUploadRefusals(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.MaxImport = 4096 })
	e.seedDraft("EP 2 777 236 B1")
	big := append(csvList([]string{"Patent number", "Title (EN)"}), bytes.Repeat([]byte("EP 2 777 236 B1,x\n"), 1000)...)
	p := e.must(http.StatusRequestEntityTooLarge, importReq(t, e.admin, "big.csv", big, nil)).Problem(t)
	if !strings.Contains(p.Detail, "the limit is 4096") {
		t.Fatalf("upload over the limit: %+v", p)
	}
	// Every row bad (no family code, no number read): nothing written, a
	// failed job whose 400 problem names each row and column.
	bad := csvList([]string{"族编号", "专利权人", "同族专利"}, []string{"", "acme", "XX3; XX1"}, []string{"", "acme", "XX2"})
	job := e.runImport(importReq(t, e.admin, "bad.csv", bad, map[string]string{"pool": "pub"}))
	if p := job.Problem; job.State != jobFailed || p == nil || p.Status != 400 || len(p.Errors) != 2 || p.Errors[0].Path != "rows[2].同族专利" ||
		p.Errors[1].Path != "rows[3].同族专利" || job.Report.Rejected != 2 || !strings.Contains(p.Errors[0].Reason, "nothing identifies the family") || !strings.Contains(p.Errors[0].Reason, `"XX1" is not a valid patent number`) {
		t.Fatalf("bad rows: %+v", job)
	}
	// The same job read by a Chinese caller: its problem and each row's
	// reason in Chinese.
	var zh jobBody
	e.must(http.StatusOK, req{method: "GET", path: "/api/v1/imports/" + job.ID, token: e.admin, header: map[string]string{"Accept-Language": "zh-CN"}}).JSON(t, &zh)
	if p := zh.Problem; p == nil || !strings.Contains(p.Detail, "2 行中有 2 行被拒绝，未写入任何内容") || len(p.Errors) != 2 ||
		!strings.Contains(p.Errors[0].Reason, `无法确定专利族：该行没有族编号，也没有可识别的专利号："XX3" 不是有效的专利号`) || strings.Contains(p.Errors[0].Reason, "not a valid") {
		t.Fatalf("bad rows, in Chinese: %+v", zh.Problem)
	}
	cases := []struct {
		name       string
		r          req
		status     int
		detail, zh string // in the detail an English and a Chinese caller read
	}{
		{"no header", importReq(t, e.admin, "x.csv", []byte("a,b\nc,d\n"), nil), 400, "no header row", "前 50 行中没有表头行：清单需要“专利权人”（Holder）和“同族专利”"},
		{"no file", importReq(t, e.admin, "", nil, map[string]string{"pool": "pub"}), 400, "no file was sent", "没有发送文件"},
		{"not multipart", req{method: "POST", path: "/api/v1/imports", token: e.admin, body: map[string]string{"pool": "pub"}}, 415, "multipart/form-data", "文件须以 multipart/form-data 发送"},
		{"unknown pool", importReq(t, e.admin, "bad.csv", bad, map[string]string{"pool": "nope"}), 404, "no pool", `专利池 "nope" 不存在`},
		{"unknown field", importReq(t, e.admin, "bad.csv", bad, map[string]string{"pools": "pub"}), 400, "unknown form field", "未知的表单字段"},
		{"truncated workbook", importReq(t, e.admin, "x.xlsx", poolXLSX(t)[:300], nil), 400, "damaged or truncated", "工作簿已损坏或不完整"},
		{"a reviewer", importReq(t, e.reviewer, "bad.csv", bad, map[string]string{"pool": "pub"}), 403, "a reviewer token may not import lists", "审查专家令牌无权导入清单"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, l := range []struct{ accept, want string }{{"en-GB", tc.detail}, {"zh-CN", tc.zh}} {
				r := tc.r
				r.header = maps.Clone(r.header)
				if r.header == nil {
					r.header = map[string]string{}
				}
				r.header["Accept-Language"] = l.accept
				if p := e.must(tc.status, r).Problem(t); !strings.Contains(p.Detail, l.want) {
					t.Errorf("%s: detail %q, want %q", l.accept, p.Detail, l.want)
				}
			}
		})
	}
}

func TestImportDryRunAndExport(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	got := e.runImport(importReq(t, e.admin, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub", "dry_run": "true"})).Report
	if got.Written || got.Records["patent"].Created != 4 {
		t.Fatalf("dry run: %+v", got)
	}
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/JP6637180", token: e.admin})
	e.runImport(importReq(t, e.admin, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub"}))
	for _, format := range []string{"csv", "xlsx", "jsonl"} {
		resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=" + format + "&lang=zh"})
		if ct := resp.Header.Get("Content-Type"); ct != contentTypes[bulk.Format(format)] {
			t.Fatalf("%s export: content type %q", format, ct)
		}
		got := e.runImport(importReq(t, e.admin, "pub."+format, resp.Body, map[string]string{"pool": "pub"})).Report
		if got.Created != 0 || got.Rejected != 0 || got.Written {
			t.Fatalf("re-import of the %s export: %+v", format, got)
		}
	}
	// The public export holds only what the public sees.
	e.seedDraft("US 9,999,001 B2")
	resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?kind=patents&format=csv"})
	if bytes.Contains(resp.Body, []byte("9,999,001")) || !bytes.Contains(resp.Body, []byte("JP6637180")) {
		t.Fatalf("public patents export: %s", resp.Body)
	}
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/pools/secret/export"})
	e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/pools/pub/export?kind=families"})
	e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/pools/pub/export?sort=x"})
}

// exerciseImports drives the import and export operations through the
// spec checker.
func exerciseImports(e *testEnv, c *specChecker) {
	for _, ct := range []string{"application/x-ndjson", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
	}
	c.ok(e, 202, importReq(e.t, e.admin, "清单.xlsx", poolXLSX(e.t), map[string]string{"pool": "pub", "dry_run": "true", "atomic": "false"}))
	keyed := importReq(e.t, e.admin, "清单.xlsx", poolXLSX(e.t), map[string]string{"pool": "pub", "kind": "pool-list", "format": "xlsx"})
	keyed.header["Idempotency-Key"] = "spec-1"
	done := c.ok(e, 202, keyed).Header.Get("Location")
	failed := c.ok(e, 202, importReq(e.t, e.admin, "bad.csv", csvList([]string{"族编号", "专利权人", "同族专利"}, []string{"", "acme", "XX1"}), map[string]string{"pool": "pub"})).Header.Get("Location")
	e.srv.jobs.wait()
	c.ok(e, 200, req{method: "GET", path: done, token: e.admin})
	c.ok(e, 200, req{method: "GET", path: failed, token: e.admin})
	c.ok(e, 404, req{method: "GET", path: failed, token: e.licensor})
	c.ok(e, 202, keyed)
	c.ok(e, 400, importReq(e.t, e.admin, "x.csv", []byte("a,b\nc,d\n"), nil))
	c.ok(e, 403, importReq(e.t, e.reviewer, "bad.csv", []byte("x"), nil))
	for range cap(e.srv.jobs.slots) {
		e.srv.jobs.acquire()
	}
	c.ok(e, 503, importReq(e.t, e.admin, "清单.xlsx", poolXLSX(e.t), map[string]string{"pool": "pub"}))
	for range cap(e.srv.jobs.slots) {
		e.srv.jobs.release()
	}
	for _, format := range []string{"csv", "xlsx", "jsonl"} {
		c.ok(e, 200, req{method: "GET", path: "/api/v1/pools/pub/export?kind=pool-list&lang=en&format=" + format})
	}
	c.ok(e, 200, req{method: "GET", path: "/api/v1/pools/pub/export?kind=charts", token: e.admin})
	c.ok(e, 404, req{method: "GET", path: "/api/v1/pools/nope/export"})
}

// An import that leaves rows in place answers 200 with its counts, even
// when it writes nothing (a re-import) and rejects some rows; a 400 is for
// an import that takes none of the file.
func TestImportAnswersWhatIsInPlace(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	list := func(rows ...[]string) []byte {
		return csvList(append([][]string{{"族编号", "专利权人", "同族专利"}}, rows...)...)
	}
	good := []string{"F-1", "acme", "US 10,285,091 B2"}
	bad := []string{"", "acme", "XX1"} // nothing identifies its family
	if job := e.runImport(importReq(t, e.admin, "list.csv", list(good), map[string]string{"pool": "pub"})); job.State != jobDone {
		t.Fatalf("first import: %+v", job)
	}
	for rejected, file := range [][]byte{list(good), list(good, bad)} {
		job := e.runImport(importReq(t, e.admin, "list.csv", file, map[string]string{"pool": "pub"}))
		if got := job.Report; job.State != jobDone || job.Problem != nil || got.Written || got.Created != 0 || got.Unchanged == 0 || got.Rejected != rejected {
			t.Fatalf("re-import with %d bad rows: %+v", rejected, job)
		}
	}
	// Every row rejected, or an atomic import with a rejected row: the job
	// fails with a 400 problem.
	for _, fields := range []map[string]string{{"pool": "pub"}, {"pool": "pub", "atomic": "true"}} {
		file := list(bad)
		if fields["atomic"] != "" {
			file = list(good, bad)
		}
		if job := e.runImport(importReq(t, e.admin, "list.csv", file, fields)); job.State != jobFailed || job.Problem == nil || job.Problem.Status != 400 {
			t.Errorf("import taking none of the file (%v): %+v", fields, job)
		}
	}
}

// A family answers with the members the caller may see: a member planted
// unpublished is listed to its holder and the administrator, never to the
// public or another licensor. The number the list could not read is shown
// as written.
func TestFamilyAnswersItsVisibleMembers(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	list := csvList([]string{"族编号", "专利权人", "同族专利"}, []string{"F-1", "acme", "US 10,285,091 B2; CN 103931153 A; XX1"})
	if job := e.runImport(importReq(t, e.admin, "list.csv", list, map[string]string{"pool": "pub"})); job.State != jobDone {
		t.Fatalf("import: %+v", job)
	}
	planted := patentBody("JP 6637180 B2", "acme")
	planted["family"] = "f-1"
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/patents", token: e.licensor, body: planted})
	for who, want := range map[string]string{"": "CN103931153,US10285091", e.other: "CN103931153,US10285091",
		e.licensor: "CN103931153,JP6637180,US10285091", e.admin: "CN103931153,JP6637180,US10285091"} {
		var fam struct {
			Unread  []string `json:"unread_numbers"`
			Members []struct {
				Key string `json:"key"`
			} `json:"members"`
		}
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/families/f-1", token: who}).JSON(t, &fam)
		var keys []string
		for _, m := range fam.Members {
			keys = append(keys, m.Key)
		}
		if strings.Join(keys, ",") != want || strings.Join(fam.Unread, ",") != "XX1" {
			t.Errorf("family as seen by %q: members %v, unread %v; want %s and XX1", who, keys, fam.Unread, want)
		}
	}
}

// TestImportJobs holds imports over the API to their job rules: a job is
// seen by its caller and administrators only (404 for others, as for a
// job that does not exist); an upload re-sent with the same
// Idempotency-Key answers the caller's first job instead of importing
// again; past the bound of concurrent imports an upload answers 503 with
// Retry-After before its body is read.
func TestImportJobs(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	patents := csvList([]string{"Patent number", "Holder", "Title (EN)"}, []string{"EP 2 777 236 B1", "acme", "Corrected title"})
	keyed := func(token, key string) req {
		r := importReq(t, token, "patents.csv", patents, nil)
		r.header["Idempotency-Key"] = key
		return r
	}
	first := e.runImport(keyed(e.licensor, "upload-1"))
	if first.State != jobDone || !first.Report.Written {
		t.Fatalf("first upload: %+v", first)
	}
	path := "/api/v1/imports/" + first.ID
	t.Run("seen by its caller and admins only", func(t *testing.T) {
		e.must(http.StatusOK, req{method: "GET", path: path, token: e.admin})
		for who, token := range map[string]string{"another licensor": e.other, "a reviewer": e.reviewer, "anonymous": ""} {
			p := e.must(http.StatusNotFound, req{method: "GET", path: path, token: token}).Problem(t)
			if p.Detail != fmt.Sprintf("no import job %q", first.ID) {
				t.Errorf("%s: %q, not the words of a job that does not exist", who, p.Detail)
			}
		}
		e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/imports/nope", token: e.admin})
	})
	t.Run("a re-sent upload answers the first job", func(t *testing.T) {
		again := e.runImport(keyed(e.licensor, "upload-1"))
		if again.ID != first.ID || again.Report.Created != first.Report.Created {
			t.Fatalf("re-sent upload: job %s, want %s", again.ID, first.ID)
		}
		if n := len(e.srv.jobs.jobs); n != 1 {
			t.Fatalf("%d jobs after the same upload twice, want 1", n)
		}
		// The key is the caller's own: another caller's upload with it is its own job.
		if other := e.runImport(keyed(e.admin, "upload-1")); other.ID == first.ID {
			t.Fatal("another caller's key answered the first caller's job")
		}
		// A refused upload does not hold its key.
		bad := keyed(e.licensor, "upload-2")
		bad.body, bad.header = multipartBody(t, "x.csv", []byte("a,b\nc,d\n"), nil)
		bad.header["Idempotency-Key"] = "upload-2"
		e.must(http.StatusBadRequest, bad)
		if job := e.runImport(keyed(e.licensor, "upload-2")); job.ID == first.ID || job.State != jobDone {
			t.Fatalf("upload after a refused one with its key: %+v", job)
		}
		e.must(http.StatusBadRequest, keyed(e.licensor, "a key with spaces"))
	})
	t.Run("bounded concurrent imports", func(t *testing.T) {
		for range cap(e.srv.jobs.slots) {
			if !e.srv.jobs.acquire() {
				t.Fatal("a slot is taken with no import running")
			}
		}
		resp := e.must(http.StatusServiceUnavailable, keyed(e.licensor, "upload-3"))
		if p := resp.Problem(t); p.Code != claimcharts.EUNAVAILABLE || resp.Header.Get("Retry-After") != "30" {
			t.Fatalf("import past the bound: %+v, Retry-After %q", p, resp.Header.Get("Retry-After"))
		}
		e.srv.jobs.release()
		if job := e.runImport(keyed(e.licensor, "upload-3")); job.State != jobDone {
			t.Fatalf("upload once a slot is free: %+v", job)
		}
		for range cap(e.srv.jobs.slots) - 1 {
			e.srv.jobs.release()
		}
	})
}
