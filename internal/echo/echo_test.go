package echo

import (
	"fmt"
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	for _, c := range []struct{ in, want string }{
		{"m5.large", `"m5.large"`},
		{"", `""`},
		{strings.Repeat("x", Limit), `"` + strings.Repeat("x", Limit) + `"`},
		{long, `"` + strings.Repeat("a", Limit) + `"... (1048576 bytes)`},
		// 63 ASCII bytes and a 3-byte character straddling the limit: the character is left out whole.
		{strings.Repeat("b", 63) + "€€", `"` + strings.Repeat("b", 63) + `"... (69 bytes)`},
		{"tab\there", `"tab\there"`},
	} {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%.20q...) = %.100s, want %.100s", c.in, got, c.want)
		}
	}
}

func TestString(t *testing.T) {
	long := strings.Repeat("a", 1000)
	if got := fmt.Sprintf("%q", String(long)); got != Quote(long) {
		t.Errorf("%%q = %.80s", got)
	}
	if got := fmt.Sprintf("%s|%v|%5s", String(long), String("x"), String("ab")); got != long+"|x|   ab" {
		t.Errorf("%%s = %.80s", got)
	}
}
