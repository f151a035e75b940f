package server

import (
	"github.com/gin-gonic/gin"
	textlang "golang.org/x/text/language"
)

// langCookie remembers the language a reader chose with the switch link.
const langCookie = "lang"

// languages are the languages the portal speaks, English first: it is the
// answer when the caller names none of them.
var languages = textlang.NewMatcher([]textlang.Tag{textlang.English, textlang.Chinese})

// lang returns the caller's language, "zh" or "en": the lang query
// parameter if given, else the language the reader chose with the switch
// link (its cookie), else the one Accept-Language prefers by its
// q-values, else English. It is the one place a request's language is
// decided; pages, problems, exports and searches all ask it.
func lang(c *gin.Context) string {
	if l := c.Query("lang"); l == "zh" || l == "en" {
		return l
	}
	if l, err := c.Cookie(langCookie); err == nil && (l == "zh" || l == "en") {
		return l
	}
	return negotiate(c.GetHeader("Accept-Language"))
}

// negotiate picks "zh" or "en" from an Accept-Language value by its
// q-values; a value naming neither, or one that cannot be read, is English.
func negotiate(header string) string {
	prefs, _, err := textlang.ParseAcceptLanguage(header)
	if err != nil || len(prefs) == 0 {
		return "en"
	}
	_, i, conf := languages.Match(prefs...)
	if conf == textlang.No || i != 1 {
		return "en"
	}
	return "zh"
}

// localize picks the English ([0]) or Chinese ([1]) text for the caller.
func localize(c *gin.Context, t [2]string) string {
	if lang(c) == "zh" {
		return t[1]
	}
	return t[0]
}
