package server

import (
	"strings"

	"github.com/gin-gonic/gin"
)

// langCookie remembers the language a reader chose with the switch link.
const langCookie = "lang"

// lang returns the caller's language, "zh" or "en": the lang query
// parameter if given, else the language the reader chose (its cookie),
// else the first of Accept-Language that we speak.
func lang(c *gin.Context) string {
	if l := c.Query("lang"); l == "zh" || l == "en" {
		return l
	}
	if l, err := c.Cookie(langCookie); err == nil && (l == "zh" || l == "en") {
		return l
	}
	for _, part := range strings.Split(c.GetHeader("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "zh"):
			return "zh"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "en"
}

// localize picks the English ([0]) or Chinese ([1]) text for the caller.
func localize(c *gin.Context, t [2]string) string {
	if lang(c) == "zh" {
		return t[1]
	}
	return t[0]
}
