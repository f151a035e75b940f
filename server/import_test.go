package server

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/xuri/excelize/v2"

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
	Records  map[string]struct {
		Created int `json:"created"`
	} `json:"records"`
	Rejections []lists.RowIssue `json:"rejections"`
	File       struct {
		Format    string `json:"format"`
		HeaderRow int    `json:"header_row"`
	} `json:"file"`
}

func TestImportUpload(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	var got importBody
	e.must(http.StatusOK, importReq(t, e.admin, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub"})).JSON(t, &got)
	if got.Kind != "pool-list" || got.Rows != 2 || got.Records["patent"].Created != 4 || !got.Written || got.File.HeaderRow != 2 {
		t.Fatalf("admin's upload: %+v", got)
	}
	resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/patents/" + "JP6637180"})
	if !bytes.Contains(resp.Body, []byte(`"published":true`)) {
		t.Fatalf("an imported patent is not public: %s", resp.Body)
	}
	// A licensor imports its own patents, not another organization's, and
	// no pool list.
	patents := csvList([]string{"Patent number", "Holder", "Title (EN)"}, []string{"EP 2 777 236 B1", "acme", "Corrected title"})
	e.must(http.StatusOK, importReq(t, e.licensor, "patents.csv", patents, nil)).JSON(t, &got)
	if got.Kind != "patents" || got.Rejected != 0 || !got.Written {
		t.Fatalf("licensor's own patents: %+v", got)
	}
	p := e.must(http.StatusBadRequest, importReq(t, e.other, "patents.csv", patents, nil)).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Path != "rows[2].Patent number" || !strings.Contains(p.Errors[0].Reason, "is held by acme") {
		t.Fatalf("another licensor's upload: %+v", p)
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
	// 400 naming each row and column.
	bad := csvList([]string{"族编号", "专利权人", "同族专利"}, []string{"", "acme", "XX3; XX1"}, []string{"", "acme", "XX2"})
	var withReport struct {
		Problem
		Report importBody `json:"report"`
	}
	resp := e.must(http.StatusBadRequest, importReq(t, e.admin, "bad.csv", bad, map[string]string{"pool": "pub"}))
	resp.JSON(t, &withReport)
	if len(withReport.Errors) != 2 || withReport.Errors[0].Path != "rows[2].同族专利" || withReport.Errors[1].Path != "rows[3].同族专利" ||
		withReport.Report.Rejected != 2 || !strings.Contains(withReport.Errors[0].Reason, `nothing identifies the family`) || !strings.Contains(withReport.Errors[0].Reason, `"XX1" is not a valid patent number`) {
		t.Fatalf("bad rows: %s", resp.Body)
	}
	cases := []struct {
		name   string
		r      req
		status int
		detail string
	}{
		{"no header", importReq(t, e.admin, "x.csv", []byte("a,b\nc,d\n"), nil), 400, "no header row"},
		{"no file", importReq(t, e.admin, "", nil, map[string]string{"pool": "pub"}), 400, "no file was sent"},
		{"not multipart", req{method: "POST", path: "/api/v1/imports", token: e.admin, body: map[string]string{"pool": "pub"}}, 415, "multipart/form-data"},
		{"unknown pool", importReq(t, e.admin, "bad.csv", bad, map[string]string{"pool": "nope"}), 404, "no pool"},
		{"unknown field", importReq(t, e.admin, "bad.csv", bad, map[string]string{"pools": "pub"}), 400, "unknown form field"},
		{"truncated workbook", importReq(t, e.admin, "x.xlsx", poolXLSX(t)[:300], nil), 400, "damaged or truncated"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := e.must(tc.status, tc.r).Problem(t)
			if !strings.Contains(p.Detail, tc.detail) {
				t.Fatalf("detail %q, want %q", p.Detail, tc.detail)
			}
		})
	}
}

func TestImportDryRunAndExport(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	var got importBody
	e.must(http.StatusOK, importReq(t, e.admin, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub", "dry_run": "true"})).JSON(t, &got)
	if got.Written || got.Records["patent"].Created != 4 {
		t.Fatalf("dry run: %+v", got)
	}
	e.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/patents/JP6637180", token: e.admin})
	e.must(http.StatusOK, importReq(t, e.admin, "清单.xlsx", poolXLSX(t), map[string]string{"pool": "pub"}))
	for _, format := range []string{"csv", "xlsx", "jsonl"} {
		resp := e.must(http.StatusOK, req{method: "GET", path: "/api/v1/pools/pub/export?format=" + format + "&lang=zh"})
		if ct := resp.Header.Get("Content-Type"); ct != contentTypes[bulk.Format(format)] {
			t.Fatalf("%s export: content type %q", format, ct)
		}
		e.must(http.StatusOK, importReq(t, e.admin, "pub."+format, resp.Body, map[string]string{"pool": "pub"})).JSON(t, &got)
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
	c.ok(e, 200, importReq(e.t, e.admin, "清单.xlsx", poolXLSX(e.t), map[string]string{"pool": "pub", "dry_run": "true", "atomic": "false"}))
	c.ok(e, 200, importReq(e.t, e.admin, "清单.xlsx", poolXLSX(e.t), map[string]string{"pool": "pub", "kind": "pool-list", "format": "xlsx"}))
	c.ok(e, 400, importReq(e.t, e.admin, "bad.csv", csvList([]string{"族编号", "专利权人", "同族专利"}, []string{"", "acme", "XX1"}), map[string]string{"pool": "pub"}))
	c.ok(e, 403, importReq(e.t, e.reviewer, "bad.csv", []byte("x"), nil))
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
	e.must(http.StatusOK, importReq(t, e.admin, "list.csv", list(good), map[string]string{"pool": "pub"}))
	var got struct {
		importBody
		Unchanged int `json:"unchanged"`
	}
	for rejected, file := range [][]byte{list(good), list(good, bad)} {
		e.must(http.StatusOK, importReq(t, e.admin, "list.csv", file, map[string]string{"pool": "pub"})).JSON(t, &got)
		if got.Written || got.Created != 0 || got.Unchanged == 0 || got.Rejected != rejected {
			t.Fatalf("re-import with %d bad rows: %+v", rejected, got)
		}
	}
	// Every row rejected, or an atomic import with a rejected row: 400.
	e.must(http.StatusBadRequest, importReq(t, e.admin, "list.csv", list(bad), map[string]string{"pool": "pub"}))
	e.must(http.StatusBadRequest, importReq(t, e.admin, "list.csv", list(good, bad), map[string]string{"pool": "pub", "atomic": "true"}))
}

// A family answers with the members the caller may see: a member planted
// unpublished is listed to its holder and the administrator, never to the
// public or another licensor. The number the list could not read is shown
// as written.
func TestFamilyAnswersItsVisibleMembers(t *testing.T) {
	e := newTestEnv(t)
	e.seedDraft("EP 2 777 236 B1")
	list := csvList([]string{"族编号", "专利权人", "同族专利"}, []string{"F-1", "acme", "US 10,285,091 B2; CN 103931153 A; XX1"})
	e.must(http.StatusOK, importReq(t, e.admin, "list.csv", list, map[string]string{"pool": "pub"}))
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
