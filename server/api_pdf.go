package server

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
	"sepportal/claimcharts/msg"
	"sepportal/claimcharts/pdf"
	"sepportal/search"
)

// routePDF adds the PDF documents: a chart revision, a determination's
// review report and a snapshot of search results. A pool's list as PDF is
// the pool export with format=pdf.
func (s *Server) routePDF(g *gin.RouterGroup) {
	g.GET("/charts/:chart/pdf", s.chartPDF)
	g.GET("/charts/:chart/revisions/:no/pdf", s.chartPDF)
	g.GET("/determinations/:id/report", s.reviewReportPDF)
	g.GET("/search/export", s.searchPDF)
}

// pdfMeta reads lang (refusing any other query parameter but allowed) and
// builds a document's Meta, with links back to this server.
func pdfMeta(c *gin.Context, allowed ...string) (pdf.Meta, error) {
	allowed = append(allowed, "lang")
	for name := range c.Request.URL.Query() {
		if !slices.Contains(allowed, name) {
			return pdf.Meta{}, unknownParam(name, allowed)
		}
	}
	return pdf.Meta{Lang: lang(c), BaseURL: baseURL(c)}, nil
}

// sendPDF draws a document into memory (fpdf builds it whole) and answers
// it as an attachment named file, or a problem when drawing fails.
func sendPDF(c *gin.Context, file string, write func(*bytes.Buffer) error) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		abort(c, err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, file))
	if !actor(c).Anonymous() {
		c.Header("Cache-Control", "private, no-store")
	}
	c.Data(http.StatusOK, "application/pdf", b.Bytes())
}

// chartPDF answers a chart revision as PDF (the latest revision the caller
// may see without :no); a chart the caller may not see is not found.
func (s *Server) chartPDF(c *gin.Context) {
	m, err := pdfMeta(c)
	if err != nil {
		abort(c, err)
		return
	}
	no := 0
	if p := c.Param("no"); p != "" {
		if no, err = strconv.Atoi(p); err != nil || no < 1 {
			abort(c, badParam("no", msg.RevisionFromOne))
			return
		}
	}
	ch, err := pdf.LoadChart(c.Request.Context(), s.registry, actor(c), c.Param("chart"), no)
	if err != nil {
		abort(c, err)
		return
	}
	file := fmt.Sprintf("%s-r%d.pdf", ch.Chart.ID, ch.Revision.No)
	sendPDF(c, file, func(b *bytes.Buffer) error { return pdf.WriteChart(b, m, ch) })
}

// reviewReportPDF answers a determination's review report as PDF.
func (s *Server) reviewReportPDF(c *gin.Context) {
	m, err := pdfMeta(c)
	if err != nil {
		abort(c, err)
		return
	}
	ch, err := pdf.LoadReviewReport(c.Request.Context(), s.registry, actor(c), c.Param("id"))
	if err != nil {
		abort(c, err)
		return
	}
	sendPDF(c, ch.Determination.ID+"-report.pdf", func(b *bytes.Buffer) error { return pdf.WriteReviewReport(b, m, ch) })
}

// poolListPDF answers a pool's list as of a date as PDF: the pool export
// with format=pdf.
func (s *Server) poolListPDF(c *gin.Context, asOf claimcharts.Date) {
	m, err := pdfMeta(c, "format", "kind", "as_of")
	if err != nil {
		abort(c, err)
		return
	}
	if k := c.Query("kind"); k != "" && k != string(lists.PoolList) {
		abort(c, badChoice(msg.PDFIsPoolList, "kind", k, string(lists.PoolList)))
		return
	}
	l, err := pdf.LoadPoolList(c.Request.Context(), s.registry, actor(c), c.Param("pool"), asOf)
	if err != nil {
		abort(c, err)
		return
	}
	day := string(asOf)
	if day == "" {
		day = "current"
	}
	sendPDF(c, fmt.Sprintf("%s-pool-list-%s.pdf", l.Pool.Slug, day), func(b *bytes.Buffer) error { return pdf.WritePoolList(b, m, l) })
}

// searchPDF answers GET /api/v1/search/export?format=pdf: a snapshot of
// one page of search results, with the search's own parameters.
func (s *Server) searchPDF(c *gin.Context) {
	if s.search == nil {
		abort(c, claimcharts.Says(claimcharts.EUNAVAILABLE, msg.NoSearch))
		return
	}
	if f := c.Query("format"); f != "pdf" {
		abort(c, badChoice(msg.UnknownFormat, "format", f, "pdf"))
		return
	}
	q := c.Request.URL.Query()
	q.Del("format")
	c.Request.URL.RawQuery = q.Encode()
	req, err := searchRequest(c, listFilters)
	if err != nil {
		abort(c, err)
		return
	}
	req.NoFacets = true
	res, err := s.search.Search(c.Request.Context(), actor(c), req)
	if err != nil {
		abort(c, err)
		return
	}
	snap := &pdf.Search{Query: req.Query, Filters: req.Filters, Total: res.Total}
	for _, h := range res.Items {
		snap.Hits = append(snap.Hits, snapshotHit(h))
	}
	m := pdf.Meta{Lang: req.Lang, BaseURL: baseURL(c)}
	sendPDF(c, "search.pdf", func(b *bytes.Buffer) error { return pdf.WriteSearch(b, m, snap) })
}

// baseURL is this server's address as the caller reached it.
func baseURL(c *gin.Context) string {
	if c.Request.TLS != nil {
		return "https://" + c.Request.Host
	}
	return "http://" + c.Request.Host
}

// markup matches the tags of search snippets.
var markup = regexp.MustCompile(`<[^>]*>`)

// snapshotHit is a search hit as the snapshot prints it: snippets without markup.
func snapshotHit(h search.Hit) pdf.Hit {
	var texts []string
	kinds := make([]string, 0, len(h.Snippets))
	for k := range h.Snippets {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		for _, s := range h.Snippets[k] {
			texts = append(texts, html.UnescapeString(markup.ReplaceAllString(s, "")))
		}
	}
	path := hitPage(h)
	if path == "" {
		path = hitURL(h) // until the portal serves the hit's page
	}
	return pdf.Hit{Kind: h.Type, Title: h.Title, Number: h.Number, Text: strings.Join(texts, " … "), Path: path}
}
