package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
	"testing"

	"sepportal/openapi"
)

// TestContractServed checks that /openapi.yaml answers the embedded
// document byte for byte, with a validator a cache can revalidate.
func TestContractServed(t *testing.T) {
	e := newTestEnv(t)
	resp := e.must(http.StatusOK, req{method: "GET", path: "/openapi.yaml"})
	if !bytes.Equal(resp.Body, openapi.Spec) {
		t.Fatal("GET /openapi.yaml does not answer the embedded document")
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/yaml" {
		t.Errorf("Content-Type = %q, want application/yaml", ct)
	}
	etag := resp.Header.Get("ETag")
	if !strings.HasPrefix(etag, `"`) || resp.Header.Get("Cache-Control") == "" {
		t.Errorf("ETag %q and Cache-Control %q: want a strong ETag and a cache policy", etag, resp.Header.Get("Cache-Control"))
	}
	again := e.must(http.StatusNotModified, req{method: "GET", path: "/openapi.yaml", header: map[string]string{"If-None-Match": etag}})
	if len(again.Body) != 0 {
		t.Errorf("304 with a body of %d bytes", len(again.Body))
	}
	e.must(http.StatusOK, req{method: "GET", path: "/openapi.yaml", header: map[string]string{"If-None-Match": `"stale"`}})
}

// TestDocsPage checks that /api/docs shows every operation of the contract
// with its summary in English and Chinese, in the reader's language, and
// needs no script or outside asset.
func TestDocsPage(t *testing.T) {
	doc, err := openapi.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t)
	pages := map[string]string{
		"en": string(e.must(http.StatusOK, req{method: "GET", path: "/api/docs"}).Body),
		"zh": string(e.must(http.StatusOK, req{method: "GET", path: "/api/docs?lang=zh"}).Body),
	}
	accept := e.must(http.StatusOK, req{method: "GET", path: "/api/docs", header: map[string]string{"Accept-Language": "zh-CN,zh;q=0.9"}})
	if string(accept.Body) != pages["zh"] || accept.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Error("Accept-Language: zh-CN does not give the Chinese HTML page")
	}
	for _, ui := range []struct{ lang, want, notWant string }{
		{"en", "Contents", "目录"},
		{"zh", "目录", "Contents"},
		{"en", `<html lang="en">`, ""},
		{"zh", `<html lang="zh">`, ""},
		{"zh", "身份验证与角色", ""},
	} {
		if !strings.Contains(pages[ui.lang], ui.want) || ui.notWant != "" && strings.Contains(pages[ui.lang], ui.notWant) {
			t.Errorf("%s page: want %q and not %q", ui.lang, ui.want, ui.notWant)
		}
	}
	for l, page := range pages {
		if strings.Contains(page, "<script") || strings.Contains(page, `rel="stylesheet"`) || strings.Contains(page, "<link") {
			t.Errorf("%s page loads a script or an outside stylesheet", l)
		}
		for _, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				zh, _ := op.Extensions["x-summary-zh"].(string)
				for _, want := range []string{`id="op-` + op.OperationID + `"`, method, template.HTMLEscapeString(op.Summary), zh} {
					if !strings.Contains(page, want) {
						t.Errorf("%s page: operation %s lacks %q", l, op.OperationID, want)
					}
				}
			}
		}
		for path := range doc.Paths.Map() {
			if !strings.Contains(page, "<code>"+path+"</code>") {
				t.Errorf("%s page does not show path %s", l, path)
			}
		}
		for name := range doc.Components.Schemas {
			if !strings.Contains(page, `id="schema-`+name+`"`) {
				t.Errorf("%s page does not describe schema %s", l, name)
			}
		}
	}
}
