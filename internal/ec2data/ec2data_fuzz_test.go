package ec2data

import (
	"errors"
	"strings"
	"testing"
)

// FuzzLookup: any name is found exactly or fails with a NotFoundError whose
// suggestions are real table names. Never a panic.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"m5.large", "m5.larg", "M5.LARGE", "", " ", "p5.48xlarge", "\x00", "ü.large", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	tbl := MustDefault()
	f.Fuzz(func(t *testing.T, name string) {
		in, err := tbl.Lookup(name)
		if err == nil {
			if in.Name != name {
				t.Fatalf("Lookup(%q) returned %q", name, in.Name)
			}
			return
		}
		var nf *NotFoundError
		if !errors.As(err, &nf) || nf.Name != name {
			t.Fatalf("Lookup(%q) error %v", name, err)
		}
		for _, s := range nf.Suggestions {
			if _, err := tbl.Lookup(s); err != nil {
				t.Fatalf("suggestion %q for %q is not in the table", s, name)
			}
		}
	})
}
