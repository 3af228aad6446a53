// Package echo writes user input back into messages. An input can be of any
// length (a configuration may pass a whole file where a name belongs); a
// message quotes at most Limit bytes of it and says how long it was, so an
// error about a 1 MB string is a line, not a megabyte.
package echo

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Limit is the most bytes of an input a message quotes.
const Limit = 64

// Quote is strconv.Quote(s) for an input of up to Limit bytes. A longer input
// is quoted up to the last whole character within Limit bytes, followed by
// "... (N bytes)".
func Quote(s string) string {
	if len(s) <= Limit {
		return strconv.Quote(s)
	}
	cut := Limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + fmt.Sprintf("... (%d bytes)", len(s))
}

// String is an input that formats with Quote under %q and whole under any
// other verb, so that message helpers can wrap every string argument.
type String string

// Format implements fmt.Formatter.
func (s String) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = f.Write([]byte(Quote(string(s))))
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), string(s))
}
