package server

import (
	"net/url"
	"strconv"

	"sepportal/search"
)

// This file is the one place that turns what a record is into where it
// lives: the API URL of a search hit, and the public pages of patents,
// pools, standards, sections and organizations that pages and hits link
// to. The search index stores identities only.

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

// hitPage is the public page that shows a hit: a patent's page (an
// element at its chart's anchor), a standard section's page.
func hitPage(h search.Hit) string {
	switch h.Type {
	case search.TypePatent:
		return patentHref(h.Patent)
	case search.TypeElement:
		return patentHref(h.Patent) + "#" + url.PathEscape(h.Chart+"-"+h.Element)
	case search.TypeReference:
		return sectionHref(h.Standard, h.Label)
	}
	return ""
}

// patentHref is the page of a patent, by its number key.
func patentHref(key string) string { return "/patents/" + url.PathEscape(key) }

// poolLink is the page of a pool.
func poolLink(slug string) string { return "/pools/" + url.PathEscape(slug) }

// standardHref is the page of a standard.
func standardHref(slug string) string { return "/standards/" + url.PathEscape(slug) }

// sectionHref is the page of one reference of a standard.
func sectionHref(std, label string) string {
	return "/standards/" + url.PathEscape(std) + "/sections/" + url.PathEscape(label)
}

// holderHref is the page of an organization.
func holderHref(slug string) string { return "/holders/" + url.PathEscape(slug) }
