package server

import (
	"net/url"
	"strconv"

	"sepportal/search"
)

// This file is the one place that turns what a record is into where it
// lives: the API URL of a search hit and the public page that shows it.
// The search index stores identities only.

// Public pages that exist. A link is given only to a page the portal
// serves: a link that answers 404 is worse than none. The pages of pools,
// patents and standards are still to come; when one is served, its switch
// turns on here and every hit that stands for such a record links to it.
var (
	servesPatentPages   = false
	servesStandardPages = false
)

// hitURL is where the API has the record a hit stands for: the patent, the
// chart revision the caller reads, or the standard's reference.
func hitURL(h search.Hit) string {
	switch h.Type {
	case search.TypePatent:
		return "/api/v1/patents/" + url.PathEscape(h.Patent)
	case search.TypeElement:
		return "/api/v1/charts/" + url.PathEscape(h.Chart) + "/revisions/" + strconv.Itoa(h.Revision)
	case search.TypeReference:
		return "/api/v1/standards/" + url.PathEscape(h.Standard) + "/references/" + url.PathEscape(h.Label)
	}
	return ""
}

// hitPage is the public page that shows a hit, "" while there is none: a
// patent's page (an element at its chart's anchor), a standard's page at
// the reference.
func hitPage(h search.Hit) string {
	switch {
	case h.Type == search.TypePatent && servesPatentPages:
		return "/patents/" + url.PathEscape(h.Patent)
	case h.Type == search.TypeElement && servesPatentPages:
		return "/patents/" + url.PathEscape(h.Patent) + "#" + url.PathEscape(h.Chart+"-"+h.Element)
	case h.Type == search.TypeReference && servesStandardPages:
		return "/standards/" + url.PathEscape(h.Standard) + "#" + url.PathEscape(h.Label)
	}
	return ""
}

// linkedHit is a search hit with its links, as the API answers it.
type linkedHit struct {
	search.Hit
	URL  string `json:"url"`
	Page string `json:"page,omitempty"`
}

// linkedResult is a page of search hits with their links.
type linkedResult struct {
	*search.Result
	Items []linkedHit `json:"items"`
}

// withLinks adds to each hit of res where the API has it and, when there
// is one, the page that shows it.
func withLinks(res *search.Result) linkedResult {
	out := linkedResult{Result: res, Items: make([]linkedHit, len(res.Items))}
	for i, h := range res.Items {
		out.Items[i] = linkedHit{Hit: h, URL: hitURL(h), Page: hitPage(h)}
	}
	return out
}
