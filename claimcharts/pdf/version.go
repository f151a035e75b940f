package pdf

// day is the document's "as of" day when it shows the records as they are
// now: the day it is generated.
func day(m Meta) string { return m.generated().Format("2006-01-02") }
