package server

// routeContract adds /openapi.yaml and /api/docs.
func (s *Server) routeContract() {}
