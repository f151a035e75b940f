package claimcharts

import (
	"errors"
	"fmt"

	"sepportal/claimcharts/msg"
)

// Error codes. Each maps to one HTTP status in the server; the domain itself
// knows nothing of HTTP.
const (
	EINVALID      = "invalid"      // the input is malformed or breaks a domain rule
	ENOTFOUND     = "not_found"    // the record does not exist (or is not visible)
	ECONFLICT     = "conflict"     // the record exists already, or the state change is illegal
	EPRECONDITION = "precondition" // the caller's revision is stale (If-Match)
	EUNAUTHORIZED = "unauthorized" // no or bad credentials
	EFORBIDDEN    = "forbidden"    // credentials fine, role insufficient
	ETOOLARGE     = "too_large"    // the input exceeds a size limit
	EUNAVAILABLE  = "unavailable"  // a dependency (store, index) is not reachable
	EINTERNAL     = "internal"     // anything else; details are logged, never shown
)

// Error is the domain's error: a code, a message that is safe to show to the
// caller, optional per-field problems, and the wrapped internal cause, which is
// never shown. A message from the catalog (Key, with Args) can be shown in
// the caller's language (see In); Message is its English text.
type Error struct {
	Code    string
	Message string
	Key     msg.Key
	Args    []any
	Fields  []FieldError
	// Next lists the steps a record in conflict may still take (states or
	// actions, catalog nouns) when a transition was illegal; non-nil for
	// those errors, empty when the record is final. See Illegal.
	Next []string
	Err  error
}

// Illegal returns the ECONFLICT error of a transition the record's state
// does not allow, naming the allowed next steps (none when it is final).
func Illegal(next []string, key msg.Key, args ...any) *Error {
	e := Says(ECONFLICT, key, args...)
	e.Next = append([]string{}, next...)
	e.Message += msg.Text("en", msg.AllowedNext, msg.Nouns(e.Next))
	return e
}

// Steps a conflict names besides states (Error.Next).
const (
	StepUpdateDraft = "update draft"
	StepSubmit      = "submit"
	StepNewRevision = "new revision"
)

// NextSteps returns the allowed next steps err names, nil when it names none.
func NextSteps(err error) []string {
	var e *Error
	if errors.As(err, &e) {
		return e.Next
	}
	return nil
}

// FieldError names one input field that was wrong and why. Path uses JSON
// pointer-like dotted paths in the shape of the request body ("claims[2].depends_on").
// A reason from the catalog (Key, with Args) can be shown in the caller's
// language (see In); Reason is its English text.
type FieldError struct {
	Path   string  `json:"path"`
	Reason string  `json:"reason"`
	Key    msg.Key `json:"-"`
	Args   []any   `json:"-"`
}

// Says returns an *Error with the given code and the catalog's message key,
// its English text as the Message.
func Says(code string, key msg.Key, args ...any) *Error {
	return &Error{Code: code, Message: msg.Text("en", key, args...), Key: key, Args: args}
}

// With adds field problems to e and returns it.
func (e *Error) With(fields ...FieldError) *Error {
	e.Fields = append(e.Fields, fields...)
	return e
}

// Because returns the field problem at path with the catalog's reason key,
// its English text as the Reason.
func Because(path string, key msg.Key, args ...any) FieldError {
	return FieldError{Path: path, Reason: msg.Text("en", key, args...), Key: key, Args: args}
}

// In is the reason in lang ("zh" or "en"): the catalog's text when the
// reason has a key, else the English reason.
func (f FieldError) In(lang string) string {
	if f.Key == "" {
		return f.Reason
	}
	return msg.Text(lang, f.Key, f.Args...)
}

// ErrorIn returns the caller-safe message of err in lang and its field
// problems with their reasons in lang.
func ErrorIn(err error, lang string) (string, []FieldError) {
	var e *Error
	if !errors.As(err, &e) {
		return msg.Text(lang, msg.InternalError), nil
	}
	message := e.Message
	if e.Key != "" {
		message = msg.Text(lang, e.Key, e.Args...)
		if e.Next != nil {
			message += msg.Text(lang, msg.AllowedNext, msg.Nouns(e.Next))
		}
	}
	var fields []FieldError
	for _, f := range e.Fields {
		fields = append(fields, FieldError{Path: f.Path, Reason: f.In(lang)})
	}
	return message, fields
}

// Error implements error. It includes the wrapped cause for logs.
func (e *Error) Error() string {
	msg := e.Code + ": " + e.Message
	for _, f := range e.Fields {
		msg += "; " + f.Path + ": " + f.Reason
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the internal cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted, caller-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error with field problems.
func Invalid(message string, fields ...FieldError) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: fields}
}

// Internal wraps an unexpected error; its detail is for logs only.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Message: msg.Text("en", msg.InternalError), Key: msg.InternalError, Err: err}
}

// ErrorCode returns the code of err, EINTERNAL for non-domain errors and ""
// for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the caller-safe message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Said is err's message as an argument of another message: its catalog
// message, which reads in the caller's language, or its English text.
func Said(err error) any {
	var e *Error
	if errors.As(err, &e) && e.Key != "" {
		return msg.Says(e.Key, e.Args...)
	}
	return ErrorMessage(err)
}

// ErrorFields returns the field problems carried by err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// reasonOf is the field problem at path that err explains, with err's
// catalog message when it has one, so that it reads in the caller's language.
func reasonOf(path string, err error) FieldError {
	var e *Error
	if errors.As(err, &e) && e.Key != "" {
		return Because(path, e.Key, e.Args...)
	}
	return FieldError{Path: path, Reason: ErrorMessage(err)}
}
