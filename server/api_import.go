package server

import "github.com/gin-gonic/gin"

// routeImports adds POST /api/v1/imports.
func (s *Server) routeImports(g *gin.RouterGroup) {}
