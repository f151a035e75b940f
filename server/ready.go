package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/search"
)

// readiness is the answer of /readyz: ready, or catching up with the
// store, with the index's position either way (absent without an index).
type readiness struct {
	Status string            `json:"status"`
	Index  *search.Readiness `json:"index,omitempty"`
}

// Statuses of /readyz.
const (
	statusReady      = "ready"
	statusCatchingUp = "catching_up"
)

// ready answers GET /readyz: 200 when the store is reachable and the search
// index has caught up with it; 503 otherwise, as a problem when the store
// cannot be reached and with the index's lag while it catches up.
func (s *Server) ready(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	c.Header("Cache-Control", "no-store")
	if err := s.registry.Store.Ping(ctx); err != nil {
		logger(c).Warn("store not reachable", slog.String("error", err.Error()))
		abort(c, claimcharts.Says(claimcharts.EUNAVAILABLE, msg.StoreAway))
		return
	}
	if s.search == nil {
		c.JSON(http.StatusOK, readiness{Status: statusReady})
		return
	}
	r, err := s.search.Readiness(ctx)
	if err != nil {
		logger(c).Warn("the store's change feed cannot be read", slog.String("error", err.Error()))
		abort(c, claimcharts.Says(claimcharts.EUNAVAILABLE, msg.FeedUnreadable))
		return
	}
	if !r.Ready {
		c.JSON(http.StatusServiceUnavailable, readiness{Status: statusCatchingUp, Index: &r})
		return
	}
	c.JSON(http.StatusOK, readiness{Status: statusReady, Index: &r})
}
