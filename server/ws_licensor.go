package server

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// routeLicensor adds the licensor's pages: its applications and charts.
func (s *Server) routeLicensor(g *gin.RouterGroup) {
	g.POST("/apply", s.wsApply)
	g.GET("/charts/:chart", s.wsChart)
	g.POST("/charts/:chart", s.wsReviseChart)
	g.POST("/charts/:chart/revisions/:no/submit", s.wsSubmitRevision)
}

// licensorDesk is the licensor's home page.
type licensorDesk struct {
	Entries []*claimcharts.Entry
	Charts  []*claimcharts.Chart
	Pools   []*claimcharts.Pool
	Patents []*claimcharts.Patent
	Today   string
}

// licensorHome shows the licensor's applications and charts; p carries a refused form.
func (s *Server) licensorHome(c *gin.Context, status int, p *wsPage) {
	d, err := s.licensorDeskOf(c.Request.Context(), actor(c))
	if err != nil {
		abort(c, err)
		return
	}
	p.Data = *d
	s.wsRender(c, status, "ws_licensor.html", "ws.licensor.title", p)
}

// licensorDeskOf gathers what licensor a works on: its pools' entries,
// its charts and patents.
func (s *Server) licensorDeskOf(ctx context.Context, a claimcharts.Actor) (*licensorDesk, error) {
	all := claimcharts.ListOptions{Limit: claimcharts.MaxLimit}
	d := licensorDesk{Today: s.registry.Now().Format("2006-01-02")}
	var err error
	if d.Pools, _, err = s.registry.Pools(ctx, a, all); err == nil {
		d.Charts, _, err = s.registry.Charts(ctx, a, all)
	}
	if err == nil {
		d.Patents, _, err = s.registry.Patents(ctx, a, claimcharts.ListOptions{Where: map[string]string{"holder": a.Organization}, Limit: claimcharts.MaxLimit})
	}
	for _, pool := range d.Pools {
		if err != nil {
			break
		}
		var es []*claimcharts.Entry
		es, _, err = s.registry.Entries(ctx, a, pool.Slug, claimcharts.ListOptions{Where: map[string]string{"holder": a.Organization}, Limit: claimcharts.MaxLimit})
		d.Entries = append(d.Entries, es...)
	}
	return &d, err
}

// licensorOnly returns the caller if it is a licensor; otherwise it
// answers the sign-in page or a 403.
func (s *Server) licensorOnly(c *gin.Context) (claimcharts.Actor, bool) {
	a, ok := s.signedIn(c)
	if ok && a.Role != claimcharts.RoleLicensor {
		abort(c, claimcharts.Says(claimcharts.EFORBIDDEN, msg.LicensorsOnly))
		return a, false
	}
	return a, ok
}

// wsApply applies for a patent's place on a pool's list.
func (s *Server) wsApply(c *gin.Context) {
	a, ok := s.licensorOnly(c)
	if !ok {
		return
	}
	_, err := s.registry.Apply(c.Request.Context(), a, c.PostForm("pool"), claimcharts.Application{
		Patent: c.PostForm("patent"), Date: claimcharts.Date(c.PostForm("date")), Note: c.PostForm("note")})
	if err != nil {
		_ = c.Request.ParseForm()
		s.licensorHome(c, statusOfErr(err), &wsPage{Problem: problemIn(c, err), Failed: "apply", Typed: c.Request.PostForm})
		return
	}
	done(c, "/workspace", "applied")
}

// chartDesk is a chart's page: its revisions, the published findings on
// them, and the form of the next revision.
type chartDesk struct {
	Chart    *claimcharts.Chart
	Findings []*claimcharts.Review
	// Base is the revision the form starts from: the draft being edited,
	// or the latest submitted one, copied into a new revision.
	Base *claimcharts.Revision
	// Writable is true for the holder and administrators.
	Writable bool
	// Note and Rows are the form's note and elements: the draft's, or as
	// the reader typed them.
	Note string
	Rows []revisionRow
}

// Draft reports whether the form edits a draft rather than starting a revision.
func (d *chartDesk) Draft() bool { return d.Base != nil && d.Base.Status == claimcharts.RevisionDraft }

// loadChartDesk reads a chart as a may see it, with the reviews a may read.
func (s *Server) loadChartDesk(c *gin.Context, a claimcharts.Actor, id string) (*chartDesk, error) {
	ctx := c.Request.Context()
	ch, err := s.registry.Chart(ctx, a, id)
	if err != nil {
		return nil, err
	}
	rvs, _, err := s.registry.Reviews(ctx, a, claimcharts.ListOptions{Where: map[string]string{"chart": id}, Limit: claimcharts.MaxLimit})
	if err != nil {
		return nil, err
	}
	d := &chartDesk{Chart: ch, Findings: rvs, Writable: claimcharts.CanWriteHolder(a, ch.Holder)}
	if d.Writable {
		d.Base = ch.Latest()
		d.Rows = rowsOf(d.Base)
		if d.Draft() {
			d.Note = d.Base.Note
		}
	}
	return d, nil
}

// wsChart shows a chart to its holder (or an administrator, or its assigned reviewer).
func (s *Server) wsChart(c *gin.Context) {
	_, d, ok := signedInTo(s, c, s.loadChartDesk, "chart")
	if !ok {
		return
	}
	s.wsRender(c, http.StatusOK, "ws_chart.html", "ws.chart.title", &wsPage{Data: d})
}

// wsReviseChart saves the revision form: it edits the draft, or starts a
// new revision after a submitted one (the answer to a "not met").
func (s *Server) wsReviseChart(c *gin.Context) {
	a, d, ok := signedInTo(s, c, s.loadChartDesk, "chart")
	if !ok {
		return
	}
	if !d.Writable {
		abort(c, claimcharts.Says(claimcharts.EFORBIDDEN, msg.LicensorsOnly))
		return
	}
	rows := readRows(c, d.Base)
	if c.PostForm("action") == "add" {
		rows = append(rows, revisionRow{From: -1})
		s.retypeChart(c, http.StatusOK, d, rows, nil)
		return
	}
	in, err := revisionInput(c.PostForm("note"), d.Chart.Standard, rows)
	var rev int64
	if err == nil {
		rev, err = formRev(c)
	}
	if err == nil {
		if d.Draft() {
			_, err = s.registry.EditRevision(c.Request.Context(), a, d.Chart.ID, d.Base.No, rev, in)
		} else {
			_, err = s.registry.AddRevision(c.Request.Context(), a, d.Chart.ID, rev, in)
		}
	}
	if err != nil {
		s.retypeChart(c, statusOfErr(err), d, rows, err)
		return
	}
	done(c, "/workspace/charts/"+d.Chart.ID, "revised")
}

// retypeChart answers the chart page with the revision form as the reader
// sent it (rows, note), and the problem of err if any.
func (s *Server) retypeChart(c *gin.Context, status int, d *chartDesk, rows []revisionRow, err error) {
	d.Note, d.Rows = c.PostForm("note"), rows
	p := &wsPage{Data: d}
	if err != nil {
		p.Problem = problemIn(c, err)
	}
	s.wsRender(c, status, "ws_chart.html", "ws.chart.title", p)
}

// wsSubmitRevision submits a draft revision for review; submitting one
// that is submitted already (a double click) is done.
func (s *Server) wsSubmitRevision(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	ctx, id := c.Request.Context(), c.Param("chart")
	no, err := intParam(c, "no")
	if err != nil {
		abort(c, err)
		return
	}
	if r, err := s.registry.ChartRevision(ctx, a, id, no); err == nil && r.Status == claimcharts.RevisionSubmitted {
		done(c, "/workspace/charts/"+id, "submitted")
		return
	}
	rev, err := formRev(c)
	if err == nil {
		_, err = s.registry.SubmitRevision(ctx, a, id, no, rev)
	}
	if err != nil {
		d, lerr := s.loadChartDesk(c, a, id)
		if lerr != nil {
			abort(c, err)
			return
		}
		s.wsRender(c, statusOfErr(err), "ws_chart.html", "ws.chart.title", &wsPage{Data: d, Problem: problemIn(c, err)})
		return
	}
	done(c, "/workspace/charts/"+id, "submitted")
}
