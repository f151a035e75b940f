package server

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// routeAdmin adds the administrator's actions; its queues are the home
// page. Who may take them is the domain's rule: a caller of another role
// is refused by the Registry, and its refusal page is a 403.
func (s *Server) routeAdmin(g *gin.RouterGroup) {
	g.POST("/assign", s.wsAssign)
	g.POST("/decide", s.wsDecide)
	g.POST("/determinations/:id/publish", s.wsPublish)
	g.POST("/entries/:pool/:number", s.wsMoveEntry)
	g.POST("/challenges/:id", s.wsDecideChallenge)
}

// adminQueues is the administrator's home page.
type adminQueues struct {
	*claimcharts.Queues
	// Challenges are the challenges filed and not yet decided.
	Challenges []*claimcharts.Challenge
	Reasons    []string
	Today      string
}

// adminHome shows the administrator's queues; p carries a refused form.
func (s *Server) adminHome(c *gin.Context, status int, p *wsPage) {
	q, err := s.registry.AdminQueues(c.Request.Context(), actor(c))
	if err != nil {
		abort(c, err)
		return
	}
	filed, _, err := s.registry.Challenges(c.Request.Context(), actor(c), claimcharts.ListOptions{
		Where: map[string]string{"status": claimcharts.ChallengeFiled}, Limit: claimcharts.MaxLimit})
	if err != nil {
		abort(c, err)
		return
	}
	p.Data = adminQueues{Queues: q, Challenges: filed, Reasons: claimcharts.RemovalReasons, Today: s.registry.Now().Format("2006-01-02")}
	s.wsRender(c, status, "ws_admin.html", "ws.admin.title", p)
}

// adminRefused re-renders the queues with the form that failed, as typed.
func (s *Server) adminRefused(c *gin.Context, err error) {
	_ = c.Request.ParseForm()
	s.adminHome(c, statusOfErr(err), &wsPage{Problem: problemIn(c, err), Failed: c.PostForm("form"), Typed: c.Request.PostForm})
}

// formInt reads a whole number from the form.
func formInt(c *gin.Context, name string) (int, error) {
	n, err := strconv.Atoi(c.PostForm(name))
	if err != nil {
		return 0, claimcharts.Says(claimcharts.EINVALID, msg.BadFormField).With(claimcharts.Because(name, msg.NotANumber, c.PostForm(name)))
	}
	return n, nil
}

// wsAssign assigns a reviewer to a chart revision.
func (s *Server) wsAssign(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	rev, err := formInt(c, "revision")
	if err == nil {
		_, err = s.registry.AssignReview(c.Request.Context(), a, claimcharts.Assignment{
			Pool: c.PostForm("pool"), Chart: c.PostForm("chart"), Revision: rev, Reviewer: c.PostForm("reviewer")})
	}
	if err != nil {
		s.adminRefused(c, err)
		return
	}
	done(c, "/workspace", "assigned")
}

// wsDecide makes a draft determination from the submitted reviews.
func (s *Server) wsDecide(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	rev, err := formInt(c, "revision")
	if err == nil {
		_, err = s.registry.Decide(c.Request.Context(), a, claimcharts.DecisionRequest{
			Pool: c.PostForm("pool"), Chart: c.PostForm("chart"), Revision: rev,
			DecidedOn: claimcharts.Date(c.PostForm("decided_on")), Note: inLang(c, claimcharts.Text{}, c.PostForm("note"))})
	}
	if err != nil {
		s.adminRefused(c, err)
		return
	}
	done(c, "/workspace", "decided")
}

// wsPublish publishes a determination; publishing one that is published
// already (a double click) is done.
func (s *Server) wsPublish(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	d, err := s.registry.Determination(ctx, a, c.Param("id"))
	s.adminStep(c, "published", err == nil && d.Status == claimcharts.StatusPublished, func(rev int64) error {
		_, err := s.registry.PublishDetermination(ctx, a, c.Param("id"), rev)
		return err
	})
}

// adminStep ends an administrator's form: a step already taken (a double
// click) is done; otherwise write runs with the form's record revision,
// and its refusal answers the queues page with the problem.
func (s *Server) adminStep(c *gin.Context, notice string, taken bool, write func(rev int64) error) {
	if taken {
		done(c, "/workspace", notice)
		return
	}
	rev, err := formRev(c)
	if err == nil {
		err = write(rev)
	}
	if err != nil {
		s.adminRefused(c, err)
		return
	}
	done(c, "/workspace", notice)
}

// wsMoveEntry moves an entry on a pool's list: under review, admitted
// (with its date and agreement reference) or removed (with date and
// reason). Moving an entry to the status it has (a double click) is done.
func (s *Server) wsMoveEntry(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	pool, number, status := c.Param("pool"), c.Param("number"), c.PostForm("status")
	e, err := s.registry.Entry(ctx, a, pool, number)
	taken := err == nil && e.Status == status && strconv.FormatInt(e.Rev-1, 10) == c.PostForm("rev")
	s.adminStep(c, "moved", taken, func(rev int64) error {
		_, err := s.registry.MoveEntry(ctx, a, pool, number, rev, claimcharts.StatusChange{Status: status,
			Date: claimcharts.Date(c.PostForm("date")), Reason: c.PostForm("reason"), Note: c.PostForm("note")})
		return err
	})
}

// wsDecideChallenge upholds a challenge (the review reopens) or dismisses
// it with reasons; deciding it again as decided is harmless (the domain's rule).
func (s *Server) wsDecideChallenge(c *gin.Context) {
	a, ok := s.signedIn(c)
	if !ok {
		return
	}
	s.adminStep(c, "challenged", false, func(rev int64) error {
		_, err := s.registry.DecideChallenge(c.Request.Context(), a, c.Param("id"), rev, claimcharts.ChallengeDecision{
			Outcome: c.PostForm("outcome"), Reasons: inLang(c, claimcharts.Text{}, c.PostForm("reasons")),
			DecidedOn: claimcharts.Date(c.PostForm("decided_on"))})
		return err
	})
}
