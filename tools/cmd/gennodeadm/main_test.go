package main

import (
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	got, err := generate([]byte(`{"instanceType":"a1.large","defaultMaxENIs":3,"ipv4AddressesPerInterface":10}
{"instanceType":"i7ie.48xlarge","defaultMaxENIs":15,"ipv4AddressesPerInterface":50}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := "instance_type\tdefault_enis\tips_per_eni\na1.large\t3\t10\ni7ie.48xlarge\t15\t50\n"
	if !strings.HasSuffix(string(got), want) || !strings.Contains(string(got), "# rows: 2;") {
		t.Errorf("generate =\n%s", got)
	}
}

func TestGenerateRejects(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"instanceType":"a","defaultMaxENIs":3}`, "line 1: instanceType, defaultMaxENIs and ipv4AddressesPerInterface are all required"},
		{`{"instanceType":"a","defaultMaxENIs":3,"ipv4AddressesPerInterface":10,"x":1}`, `unknown field "x"`},
		{`{"instanceType":"a","defaultMaxENIs":0,"ipv4AddressesPerInterface":10}`, "must be positive"},
		{`{"instanceType":"a","defaultMaxENIs":3,"ipv4AddressesPerInterface":10}` + "\n" + `{"instanceType":"a","defaultMaxENIs":3,"ipv4AddressesPerInterface":10}`, "line 2: a is also on line 1"},
		{`{"instanceType":"a","defaultMaxENIs":100000,"ipv4AddressesPerInterface":100000}`, "overflows"},
		{`not json`, "line 1: not a nodeadm instance info object"},
		{``, "no instance types"},
	} {
		if _, err := generate([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("generate(%q) error = %v, want %q", c.in, err, c.want)
		}
	}
}
