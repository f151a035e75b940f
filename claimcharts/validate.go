package claimcharts

import (
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
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
			fields = append(fields, FieldError{Path: fieldPath(fe.Namespace()), Reason: reason(fe)})
		}
	}
	switch v := r.(type) {
	case *Patent:
		fields = append(fields, v.checkRules()...)
	case *Standard:
		fields = append(fields, v.validateTree()...)
	}
	if len(fields) > 0 {
		return Invalid("the record is not valid", fields...)
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

// reason says in words what a validator tag requires.
func reason(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required", "required_if":
		return "is required"
	case "required_text":
		return "needs a Chinese or an English text"
	case "slug":
		return "must be lower-case letters, digits, '.', '_' or '-' (at most 128), got " + quote(short(fe.Value()))
	case "date":
		return "must be a date written YYYY-MM-DD, got " + quote(short(fe.Value()))
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(fe.Param(), " ", ", ") + "; got " + quote(short(fe.Value()))
	case "max":
		if fe.Kind() == reflect.Slice {
			return "may hold at most " + fe.Param() + " items"
		}
		if fe.Kind() == reflect.String {
			return "may be at most " + fe.Param() + " characters long"
		}
		return "must be at most " + fe.Param()
	case "min":
		if fe.Kind() == reflect.Slice {
			return "needs at least " + fe.Param() + " items"
		}
		return "must be at least " + fe.Param()
	case "len":
		return "must be exactly " + fe.Param() + " characters long"
	case "url":
		return "must be an absolute URL"
	case "uppercase":
		return "must be upper case"
	}
	return "fails the " + fe.Tag() + " rule"
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
