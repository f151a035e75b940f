package server

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
)

// routeWebhooks adds the administrators' webhooks and their delivery logs.
func (s *Server) routeWebhooks(g *gin.RouterGroup) {
	r := s.registry
	g.GET("/webhooks", listOf(r.Webhooks))
	g.POST("/webhooks", withBody(http.StatusCreated, func(ctx context.Context, a actor_, c *gin.Context, _ int64, in claimcharts.NewWebhook) (*claimcharts.Webhook, error) {
		w, err := r.CreateWebhook(ctx, a, in)
		if err == nil {
			c.Header("Location", "/api/v1/webhooks/"+w.ID+"/deliveries")
			c.Header("Cache-Control", "no-store") // the answer holds the secret
		}
		return w, err
	}))
	g.POST("/webhooks/:webhook/disable", action(func(ctx context.Context, a actor_, c *gin.Context, rev int64) (*claimcharts.Webhook, error) {
		return r.DisableWebhook(ctx, a, c.Param("webhook"), rev)
	}))
	g.GET("/webhooks/:webhook/deliveries", func(c *gin.Context) {
		listOf(func(ctx context.Context, a actor_, o claimcharts.ListOptions) ([]*claimcharts.Delivery, string, error) {
			return r.Deliveries(ctx, a, c.Param("webhook"), o)
		}, "status")(c)
	})
}
