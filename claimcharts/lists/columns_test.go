package lists_test

import (
	"os"
	"strings"
	"testing"

	"sepportal/claimcharts/lists"
)

// TestREADMEDescribesEveryColumn: the README's table of lists is the one
// table of columns, so a column added, renamed or re-headed shows there.
func TestREADMEDescribesEveryColumn(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[lists.Kind]string{}
	for _, line := range strings.Split(string(readme), "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) == 3 && strings.HasPrefix(cells[0], "| `") {
			rows[lists.Kind(strings.Trim(cells[0], "|` "))] = strings.TrimSuffix(cells[2], " |")
		}
	}
	for _, kind := range lists.Kinds {
		if got, want := rows[kind], lists.ColumnsDoc(kind); got != want {
			t.Errorf("README row of %s:\n%s\nwant\n%s", kind, got, want)
		}
	}
}
