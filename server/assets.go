package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
	"sepportal/static"
)

// asset is one embedded file served under a name that carries a hash of its
// content ("site.3f9a1c2b.css"), so it can be cached for good: a change of
// content is a change of URL.
type asset struct {
	name, url, contentType string
	body                   []byte
}

// assets maps each file's hashed name to it; assetURL maps the plain name
// to the hashed URL the pages link to.
var assets, assetURL = loadAssets()

func loadAssets() (map[string]asset, map[string]string) {
	byHashed, urls := map[string]asset{}, map[string]string{}
	err := fs.WalkDir(static.Assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(static.Assets, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := path.Base(p)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
		a := asset{name: name, url: "/assets/" + hashed, body: body, contentType: mime.TypeByExtension(ext)}
		if ext == ".svg" {
			a.contentType = "image/svg+xml"
		}
		byHashed[hashed], urls[name] = a, a.url
		return nil
	})
	if err != nil {
		panic(err) // the embedded files are part of the binary
	}
	return byHashed, urls
}

// routeAssets serves the hashed assets and /favicon.ico.
func (s *Server) routeAssets() {
	s.engine.GET("/assets/:file", func(c *gin.Context) {
		a, ok := assets[c.Param("file")]
		if !ok {
			abort(c, claimcharts.Says(claimcharts.ENOTFOUND, msg.NotFound, msg.Noun("asset"), c.Param("file")))
			return
		}
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
		c.Data(http.StatusOK, a.contentType, a.body)
	})
	s.engine.GET("/favicon.ico", func(c *gin.Context) {
		a := assets[strings.TrimPrefix(assetURL["favicon.svg"], "/assets/")]
		c.Header("Cache-Control", "public, max-age=86400")
		c.Data(http.StatusOK, a.contentType, a.body)
	})
}
