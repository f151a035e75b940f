package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
)

// routeReviewer adds the reviewer's pages: its queue is the home page.
func (s *Server) routeReviewer(g *gin.RouterGroup) {
	g.GET("/reviews/:review", s.wsReview)
	g.POST("/reviews/:review", s.wsSaveReview)
	g.GET("/reviews/:review/submit", s.wsConfirmReview)
	g.POST("/reviews/:review/submit", s.wsSubmitReview)
}

// reviewerHome lists the reviews assigned to the reviewer.
func (s *Server) reviewerHome(c *gin.Context, a claimcharts.Actor) {
	rvs, _, err := s.registry.Reviews(c.Request.Context(), a, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	if err != nil {
		abort(c, err)
		return
	}
	s.wsRender(c, http.StatusOK, "ws_reviewer.html", "ws.reviewer.title", &wsPage{Data: rvs})
}

// reviewSheet is a review with what its page shows beside it.
type reviewSheet struct {
	Review   *claimcharts.Review
	Chart    *claimcharts.Chart
	Revision *claimcharts.Revision
	Standard *claimcharts.Standard
	// Rows are the chart's elements, each with the reviewer's verdict.
	Rows []reviewRow
	// Editable is true for the assigned reviewer until the review is submitted.
	Editable bool
}

// reviewRow is one claim element with its references and its verdict.
type reviewRow struct {
	Index   int
	Element claimcharts.Element
	Refs    []refQuote
	Verdict claimcharts.Verdict
}

// refQuote is one mapping of an element with the reference it names.
type refQuote struct {
	Mapping   claimcharts.Mapping
	Reference claimcharts.Reference
	Found     bool
}

// loadSheet reads review id as a may see it, with its chart revision and
// standard. A reviewer reads only its own reviews (claimcharts.ReviewFor).
func (s *Server) loadSheet(c *gin.Context, a claimcharts.Actor, id string) (*reviewSheet, error) {
	ctx := c.Request.Context()
	rv, err := s.registry.Review(ctx, a, id)
	if err != nil {
		return nil, err
	}
	ch, err := s.registry.Chart(ctx, a, rv.Chart)
	if err != nil {
		return nil, err
	}
	rev, err := s.registry.ChartRevision(ctx, a, rv.Chart, rv.Revision)
	if err != nil {
		return nil, err
	}
	std, err := s.registry.Standard(ctx, a, ch.Standard)
	if err != nil {
		return nil, err
	}
	sh := &reviewSheet{Review: rv, Chart: ch, Revision: rev, Standard: std,
		Editable: a.Role == claimcharts.RoleReviewer && rv.Reviewer == a.ID && rv.Status != claimcharts.ReviewSubmitted}
	sh.fill(rv.Verdicts)
	return sh, nil
}

// Results are the verdicts a reviewer may give an element.
func (sh *reviewSheet) Results() []string {
	return []string{"met", "not_met", "unclear"}
}

// Conclusions are the overall conclusions a reviewer may reach.
func (sh *reviewSheet) Conclusions() []string {
	return []string{claimcharts.Essential, claimcharts.NotEssential, claimcharts.Unclear}
}

// fill lays out the rows with the given verdicts, looking the mapped
// references up in one index of the standard's labels.
func (sh *reviewSheet) fill(verdicts []claimcharts.Verdict) {
	refs := sh.Standard.ReferenceLookup()
	by := map[string]claimcharts.Verdict{}
	for _, v := range verdicts {
		by[v.Element] = v
	}
	sh.Rows = sh.Rows[:0]
	for i, e := range sh.Revision.Elements {
		row := reviewRow{Index: i, Element: e, Verdict: by[e.Label]}
		for _, m := range e.Mappings {
			ref, ok := refs(m.Ref)
			row.Refs = append(row.Refs, refQuote{Mapping: m, Reference: ref, Found: ok})
		}
		sh.Rows = append(sh.Rows, row)
	}
}

// opinionOf reads the review form into an opinion, keeping the notes'
// other language from the stored review.
func (sh *reviewSheet) opinionOf(c *gin.Context) claimcharts.Opinion {
	rv := sh.Review
	op := claimcharts.Opinion{
		Conflict: claimcharts.Conflict{Declared: c.PostForm("conflict_declared") == "yes",
			None: c.PostForm("conflict") == "none", Statement: c.PostForm("conflict_statement")},
		Conclusion: c.PostForm("conclusion"),
		Summary:    inLang(c, rv.Summary, c.PostForm("summary")),
	}
	old := map[string]claimcharts.Text{}
	for _, v := range rv.Verdicts {
		old[v.Element] = v.Note
	}
	for i, e := range sh.Revision.Elements {
		n := strconv.Itoa(i)
		result, typed := c.PostForm("verdict_"+n), c.PostForm("note_"+n)
		if result == "" && strings.TrimSpace(typed) == "" {
			continue
		}
		op.Verdicts = append(op.Verdicts, claimcharts.Verdict{Element: e.Label, Result: result, Note: inLang(c, old[e.Label], typed)})
	}
	return op
}

// wsReview shows a review: a form to its reviewer until it is submitted,
// read-only afterwards and to administrators.
func (s *Server) wsReview(c *gin.Context) {
	_, sh, ok := signedInTo(s, c, s.loadSheet, "review")
	if !ok {
		return
	}
	s.renderSheet(c, http.StatusOK, sh, nil)
}

// renderSheet answers the review page, with the problem of a refused form.
func (s *Server) renderSheet(c *gin.Context, status int, sh *reviewSheet, err error) {
	p := &wsPage{Data: sh}
	if sh.Editable {
		p.Script = assetURL["workspace.js"]
	}
	if err != nil {
		p.Problem = problemIn(c, err)
	}
	s.wsRender(c, status, "ws_review.html", "ws.review.title", p)
}

// wsSaveReview saves the reviewer's draft: from the button (then the page
// again, or the confirmation page when the reviewer asked to submit), or
// from the autosave script (X-Autosave), which gets the new revision as JSON.
func (s *Server) wsSaveReview(c *gin.Context) {
	a, sh, ok := signedInTo(s, c, s.loadSheet, "review")
	if !ok {
		return
	}
	autosave := c.GetHeader("X-Autosave") == "1"
	op := sh.opinionOf(c)
	rev, err := formRev(c)
	if err == nil {
		_, err = s.registry.UpdateReview(c.Request.Context(), a, sh.Review.ID, rev, op)
	}
	switch {
	case err == nil && autosave:
		saved, err := s.registry.Review(c.Request.Context(), a, sh.Review.ID)
		if err != nil {
			abort(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"rev": saved.Rev})
	case err == nil && c.PostForm("action") == "submit":
		c.Redirect(http.StatusSeeOther, "/workspace/reviews/"+sh.Review.ID+"/submit")
	case err == nil:
		done(c, "/workspace/reviews/"+sh.Review.ID, "saved")
	case autosave:
		abort(c, err)
	default:
		s.refuseSheet(c, a, sh, op, err)
	}
}

// refuseSheet re-renders the review form with what the reader typed and
// why it was refused. After a conflict the form carries the stored
// revision, so that saving again is a deliberate overwrite.
func (s *Server) refuseSheet(c *gin.Context, a claimcharts.Actor, sh *reviewSheet, op claimcharts.Opinion, err error) {
	if cur, lerr := s.loadSheet(c, a, sh.Review.ID); lerr == nil {
		sh = cur
	}
	if !sh.Editable {
		s.renderSheet(c, statusOfErr(err), sh, err)
		return
	}
	typed := *sh.Review
	typed.Conflict, typed.Verdicts, typed.Conclusion, typed.Summary = op.Conflict, op.Verdicts, op.Conclusion, op.Summary
	sh.Review = &typed
	sh.fill(op.Verdicts)
	s.renderSheet(c, statusOfErr(err), sh, err)
}

// wsConfirmReview asks the reviewer to confirm the submission.
func (s *Server) wsConfirmReview(c *gin.Context) {
	_, sh, ok := signedInTo(s, c, s.loadSheet, "review")
	if !ok {
		return
	}
	if !sh.Editable {
		c.Redirect(http.StatusSeeOther, "/workspace/reviews/"+sh.Review.ID)
		return
	}
	s.wsRender(c, http.StatusOK, "ws_confirm.html", "ws.confirm.title", &wsPage{Data: sh})
}

// wsSubmitReview submits the review. Submitting a review that is
// submitted already (a double click) shows it, as the first did.
func (s *Server) wsSubmitReview(c *gin.Context) {
	a, sh, ok := signedInTo(s, c, s.loadSheet, "review")
	if !ok {
		return
	}
	if sh.Review.Status == claimcharts.ReviewSubmitted && sh.Review.Reviewer == a.ID {
		done(c, "/workspace/reviews/"+sh.Review.ID, "submitted")
		return
	}
	rev, err := formRev(c)
	if err == nil {
		_, err = s.registry.SubmitReview(c.Request.Context(), a, sh.Review.ID, rev)
	}
	if err != nil {
		s.renderSheet(c, statusOfErr(err), sh, err)
		return
	}
	done(c, "/workspace/reviews/"+sh.Review.ID, "submitted")
}
