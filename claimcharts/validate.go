package claimcharts

import (
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"

	"sepportal/claimcharts/msg"
)

// validate checks the shape of records; domain rules that need more than one
// field live beside each type (checkRules, checkAgainst...).
var validate = newValidator()

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,127}$`)

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Report JSON names, so field paths match the request body.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	must(v.RegisterValidation("slug", func(fl validator.FieldLevel) bool {
		return slugPattern.MatchString(fl.Field().String())
	}))
	must(v.RegisterValidation("date", func(fl validator.FieldLevel) bool {
		_, err := time.Parse(time.DateOnly, fl.Field().String())
		return err == nil
	}))
	must(v.RegisterValidation("required_text", func(fl validator.FieldLevel) bool {
		t, ok := fl.Field().Interface().(Text)
		return ok && !t.IsZero()
	}))
	return v
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// IsSlug reports whether s is a valid key for pools, organizations,
// standards, families, charts and reviews: lower-case letters, digits, '.',
// '_' and '-', starting with a letter or digit, at most 128 characters.
func IsSlug(s string) bool { return slugPattern.MatchString(s) }

// Validate checks a record's shape and the rules it can check on its own.
// It returns an EINVALID *Error naming every failing field.
func Validate(r any) error {
	var fields []FieldError
	if err := validate.Struct(r); err != nil {
		var verrs validator.ValidationErrors
		if !errors.As(err, &verrs) {
			return Internal(err)
		}
		for _, fe := range verrs {
			fields = append(fields, reason(fieldPath(fe.Namespace()), fe))
		}
	}
	switch v := r.(type) {
	case *Patent:
		fields = append(fields, v.checkRules()...)
	case *Standard:
		fields = append(fields, v.validateTree()...)
	}
	if len(fields) > 0 {
		return Says(EINVALID, msg.RecordInvalid).With(fields...)
	}
	return nil
}

// fieldPath turns validator's "Patent.claims[0].text" into "claims[0].text";
// embedded structs contribute no name.
func fieldPath(ns string) string {
	_, rest, ok := strings.Cut(ns, ".")
	if !ok {
		return ns
	}
	return strings.ReplaceAll(rest, "..", ".")
}

// reason says in words what a validator tag requires of the field at path.
func reason(path string, fe validator.FieldError) FieldError {
	switch fe.Tag() {
	case "required", "required_if":
		return Because(path, msg.Required)
	case "required_text":
		return Because(path, msg.NeedsText)
	case "slug":
		return Because(path, msg.BadSlug, short(fe.Value()))
	case "date":
		return badDate(path, short(fe.Value()))
	case "oneof":
		return Because(path, msg.OneOf, strings.ReplaceAll(fe.Param(), " ", ", "), short(fe.Value()))
	case "max":
		if fe.Kind() == reflect.Slice {
			return Because(path, msg.MaxItems, fe.Param())
		}
		if fe.Kind() == reflect.String {
			return Because(path, msg.MaxLength, fe.Param())
		}
		return Because(path, msg.AtMost, fe.Param())
	case "min":
		if fe.Kind() == reflect.Slice {
			return Because(path, msg.MinItems, fe.Param())
		}
		return Because(path, msg.AtLeast, fe.Param())
	case "len":
		return Because(path, msg.Length, fe.Param())
	case "url":
		return Because(path, msg.AbsoluteURL)
	case "uppercase":
		return Because(path, msg.UpperCase)
	}
	return Because(path, msg.FailsRule, fe.Tag())
}

func short(v any) string {
	s, _ := v.(string)
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// path builds a field path such as "claims[2].depends_on".
func path(parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		switch p := p.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(p) + "]")
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

func quote(s string) string { return strconv.Quote(s) }

// slugify lower-cases a key and replaces what a slug may not hold with '-'.
func slugify(s string) string {
	b := []byte(strings.ToLower(s))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			b[i] = '-'
		}
	}
	return string(b)
}

// badDate is the reason the date at path is refused: it is empty, or it is
// not written YYYY-MM-DD.
func badDate(path, value string) FieldError {
	if value == "" {
		return Because(path, msg.DateEmpty)
	}
	return Because(path, msg.BadDate, value)
}
