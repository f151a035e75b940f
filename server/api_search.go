package server

import "github.com/gin-gonic/gin"

// routeSearch adds GET /api/v1/search.
func (s *Server) routeSearch(g *gin.RouterGroup) {}
