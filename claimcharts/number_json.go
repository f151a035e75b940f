package claimcharts

import (
	"encoding/json"

	"sepportal/claimcharts/msg"
)

// MarshalJSON writes the canonical number with its key and display form.
func (n Number) MarshalJSON() ([]byte, error) {
	type plain Number
	return json.Marshal(struct {
		plain
		Key     string `json:"key"`
		Display string `json:"display"`
	}{plain(n), n.Key(), n.String()})
}

// UnmarshalJSON reads a number in any spelling, given as a string, or as an
// object whose "submitted" text is parsed again: the canonical fields are
// always derived, never trusted.
func (n *Number) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var obj struct {
			Submitted string `json:"submitted"`
		}
		if err := json.Unmarshal(b, &obj); err != nil || obj.Submitted == "" {
			return Says(EINVALID, msg.NumberUnreadable).With(Because("number", msg.NumberShape))
		}
		s = obj.Submitted
	}
	parsed, err := ParseNumber(s)
	if err != nil {
		return unreadableNumber("number", err)
	}
	*n = parsed
	return nil
}
