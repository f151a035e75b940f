package claimcharts

import (
	"bytes"
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
	s, err := submittedNumber(b)
	if err != nil {
		return err
	}
	parsed, err := ParseNumber(s)
	if err != nil {
		return unreadableNumber("number", err)
	}
	*n = parsed
	return nil
}

// submittedNumber is the text of a number given as a JSON string, or as
// an object's "submitted" string, as numbers are stored: an object is
// decoded as one, not first tried as a string.
func submittedNumber(b []byte) (string, error) {
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", numberShape()
		}
		return s, nil
	}
	var obj struct {
		Submitted string `json:"submitted"`
	}
	if err := json.Unmarshal(b, &obj); err != nil || obj.Submitted == "" {
		return "", numberShape()
	}
	return obj.Submitted, nil
}

// numberShape is the refusal of JSON that is neither a string nor an
// object with a "submitted" string.
func numberShape() error {
	return Says(EINVALID, msg.NumberUnreadable).With(Because("number", msg.NumberShape))
}
