package claimcharts

import (
	"strings"

	"sepportal/claimcharts/msg"
)

// A number that none of its office's patterns reads is refused, never
// corrected: a pool list's typo may be any of several numbers, and a
// silent guess would file the patent under one of them. When one reading
// is evident, the error names it, so that the person fixing the list (or
// the importer's warning) can take it.

// noMatch is the error of a body none of off's patterns reads: how many
// digits it has, what the office's numbers look like, and a suggestion
// when one is evident.
func noMatch(off *numOffice, body string) error {
	hint := off.hint
	if digits := strings.Trim(body, "0123456789"); digits == "" {
		hint = msg.Says(msg.HintLength, off.hint, body, len(body))
	}
	if s := suggestNumber(off, body); s != "" {
		return msg.Says(msg.DidYouMean, hint, s)
	}
	return hint
}

// suggestNumber returns the display form of the one number that an evident
// slip in body stands for, or "" when there is none or more than one:
//   - zeros before the number ("JP 06637180" for JP 6637180);
//   - the digit 1 for the letter I that starts a Taiwanese patent number
//     ("TW 1640123" for TW I640123).
func suggestNumber(off *numOffice, body string) string {
	var candidates []string
	if trimmed := strings.TrimLeft(body, "0"); trimmed != body && trimmed != "" {
		candidates = append(candidates, trimmed)
	}
	if rest, ok := strings.CutPrefix(body, "1"); ok && off.country == "TW" {
		candidates = append(candidates, "I"+rest)
	}
	found := ""
	for _, c := range candidates {
		n, ok, err := off.match(c)
		if !ok || err != nil {
			continue
		}
		if found != "" && found != n.String() {
			return ""
		}
		found = n.String()
	}
	return found
}
