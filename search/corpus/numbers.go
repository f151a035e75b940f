package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// office is how one office's numbers are drawn and spelt.
type office struct {
	country string
	base    int
	// spell writes serial the ways pool lists do; variant picks one.
	spell func(serial, variant int) string
}

// offices, by share of the corpus: CN 35%, US 25%, EP 15%, EP validated
// in Germany 5%, JP 10%, KR 10% (shares of 20 slots).
var offices = []struct {
	office
	slots int
}{
	{office{"CN", 100000000, spellCN}, 7},
	{office{"US", 9000000, spellUS}, 5},
	{office{"EP", 2000000, spellEP}, 3},
	{office{"DE", 3000000, spellEPDE}, 1},
	{office{"JP", 6000000, spellJP}, 2},
	{office{"KR", 1000000, spellKR}, 2},
}

// slotOffice maps i%20 to an office index.
var slotOffice = func() []int {
	var out []int
	for i, o := range offices {
		for range o.slots {
			out = append(out, i)
		}
	}
	return out
}()

func spellCN(serial, v int) string {
	s := strconv.Itoa(serial)
	switch v % 3 {
	case 0:
		return "CN " + s + " B"
	case 1:
		return "CN" + s + "B"
	}
	return "CN " + s[:3] + " " + s[3:6] + " " + s[6:] + " B"
}

// spellCNUtility spells a Chinese utility model ("CN 208900707 U").
func spellCNUtility(serial, v int) string {
	s := strconv.Itoa(serial + 100000000)
	if v%2 == 0 {
		return "CN " + s + " U"
	}
	return "CN" + s + "U"
}

func spellUS(serial, v int) string {
	s := strconv.Itoa(serial)
	switch v % 3 {
	case 0:
		return "US " + thousands(s) + " B2"
	case 1:
		return "US" + s + "B2"
	}
	return "US " + thousands(s)
}

func spellEP(serial, v int) string {
	s := strconv.Itoa(serial)
	switch v % 3 {
	case 0:
		return "EP " + s[:1] + " " + s[1:4] + " " + s[4:] + " B1"
	case 1:
		return "EP" + s + "B1"
	}
	return "EP " + s
}

func spellEPDE(serial, v int) string {
	s := strconv.Itoa(serial)
	if v%2 == 0 {
		return "EP (DE) " + s[:1] + " " + s[1:4] + " " + s[4:]
	}
	return "DE (EP) " + s
}

func spellJP(serial, v int) string {
	s := strconv.Itoa(serial)
	if v%2 == 0 {
		return "JP " + s + " B2"
	}
	return "JP" + s + "B2"
}

func spellKR(serial, v int) string {
	s := strconv.Itoa(serial)
	if v%2 == 0 {
		return "KR 10-" + s + " B1"
	}
	return "KR10" + s + "B1"
}

// thousands groups digits by three: 10500101 → 10,500,101.
func thousands(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Number returns the i-th patent's number as submitted and its type.
// Every i gives a distinct number.
func Number(i int) (submitted, typ string) {
	o := offices[slotOffice[i%20]]
	n := i/20*o.slots + slotIndex(i%20)
	if o.country == "CN" && i%10 == 3 {
		return spellCNUtility(o.base+n, i/20), "utility_model"
	}
	return o.spell(o.base+n, i/20), "invention"
}

// slotIndex is the position of slot s among its office's slots.
func slotIndex(s int) int {
	k := slotOffice[s]
	n := 0
	for j := 0; j < s; j++ {
		if slotOffice[j] == k {
			n++
		}
	}
	return n
}

// Spellings returns three spellings of the i-th patent's number, for
// lookup benchmarks and tests.
func Spellings(i int) []string {
	o := offices[slotOffice[i%20]]
	n := i/20*o.slots + slotIndex(i%20)
	if o.country == "CN" && i%10 == 3 {
		return []string{spellCNUtility(o.base+n, 0), spellCNUtility(o.base+n, 1), fmt.Sprintf("cn%d", o.base+n+100000000)}
	}
	return []string{o.spell(o.base+n, 0), o.spell(o.base+n, 1), o.spell(o.base+n, 2)}
}
