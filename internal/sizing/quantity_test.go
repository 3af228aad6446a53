package sizing

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCPU(t *testing.T) {
	tests := []struct {
		in    string
		milli int64
		text  string
	}{
		{"70m", 70, "70m"},
		{"0.5", 500, "500m"},
		{"1", 1000, "1"},
		{"1.5", 1500, "1500m"},
		{"2000m", 2000, "2"},
		{"0", 0, "0"},
		{"+250m", 250, "250m"},
		{".25", 250, "250m"},
		{"1.", 1000, "1"},
		{"1e-1", 100, "100m"},
		{"1E1", 10000, "10"},
		{"1k", 1000000, "1000"},
		{"-0", 0, "0"},
	}
	for _, tt := range tests {
		q, err := parseCPU("kube_reserved.cpu", tt.in)
		if err != nil {
			t.Errorf("ParseCPU(%q): %v", tt.in, err)
			continue
		}
		if q.Value != tt.milli || q.Text != tt.text {
			t.Errorf("ParseCPU(%q) = %d %q, want %d %q", tt.in, q.Value, q.Text, tt.milli, tt.text)
		}
	}
}

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in    string
		bytes int64
		text  string
	}{
		{"574Mi", 574 << 20, "574Mi"},
		{"1Gi", 1 << 30, "1Gi"},
		{"1024Mi", 1 << 30, "1Gi"},
		{"1536Ki", 1536 << 10, "1536Ki"},
		{"1.5Gi", 1536 << 20, "1536Mi"},
		{"600M", 600e6, "600M"},
		{"1000M", 1e9, "1G"},
		{"1073741824", 1 << 30, "1073741824"},
		{"100000", 100000, "100k"},
		{"1e3", 1000, "1k"},
		{"0", 0, "0"},
		{"0.5Ki", 512, "512"},
		{"1Ei", 1 << 60, "1Ei"},
	}
	for _, tt := range tests {
		q, err := parseBytes("kube_reserved.memory", tt.in)
		if err != nil {
			t.Errorf("ParseBytes(%q): %v", tt.in, err)
			continue
		}
		if q.Value != tt.bytes || q.Text != tt.text {
			t.Errorf("ParseBytes(%q) = %d %q, want %d %q", tt.in, q.Value, q.Text, tt.bytes, tt.text)
		}
	}
}

func TestParseQuantityErrors(t *testing.T) {
	tests := []struct {
		name, field, in string
		cpu             bool
		want            []string
	}{
		{"empty", "kube_reserved.cpu", "", true, []string{"kube_reserved.cpu is empty", `"70m"`}},
		{"words", "kube_reserved.cpu", "lots", true, []string{`kube_reserved.cpu is "lots", which is not a Kubernetes CPU quantity`, `millicores such as "70m"`, `cores such as "0.5"`}},
		{"negative cpu", "system_reserved.cpu", "-70m", true, []string{`system_reserved.cpu is "-70m"; it must not be negative`}},
		{"negative memory", "kube_reserved.memory", "-1Gi", false, []string{`kube_reserved.memory is "-1Gi"; it must not be negative`}},
		{"sub-millicore", "kube_reserved.cpu", "0.0001", true, []string{"finer than one millicore"}},
		{"cpu with binary suffix works but huge", "kube_reserved.cpu", "1Ei", true, []string{"too large"}},
		{"space", "kube_reserved.memory", "1 Gi", false, []string{"quantities have no spaces"}},
		{"MB", "kube_reserved.memory", "600MB", false, []string{`not "MB"`, `"Mi" for mebibytes`}},
		{"lower-case mi", "kube_reserved.memory", "574mi", false, []string{"case-sensitive"}},
		{"milli bytes", "kube_reserved.memory", "100m", false, []string{`the suffix "m" means thousandths (milli), not mega`}},
		{"fractional bytes", "kube_reserved.ephemeral_storage", "0.5", false, []string{"not a whole number of bytes"}},
		{"double dot", "kube_reserved.memory", "1.2.3Gi", false, []string{"not a Kubernetes byte quantity", `"574Mi"`, `"600M"`}},
		{"bare suffix", "kube_reserved.memory", "Gi", false, []string{"not a Kubernetes byte quantity"}},
		{"overflow", "kube_reserved.memory", "99999999999999999999999", false, []string{"too large"}},
		{"bad exponent", "kube_reserved.memory", "1e", false, []string{"not a Kubernetes byte quantity"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.cpu {
				_, err = parseCPU(tt.field, tt.in)
			} else {
				_, err = parseBytes(tt.field, tt.in)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("want *InputError, got %v", err)
			}
			if ie.Field != tt.field {
				t.Errorf("Field = %q, want %q", ie.Field, tt.field)
			}
			for _, w := range tt.want {
				if !strings.Contains(ie.Msg, w) {
					t.Errorf("message %q\nlacks %q", ie.Msg, w)
				}
			}
		})
	}
}

func TestFormat(t *testing.T) {
	for in, want := range map[int64]string{0: "0", 70: "70m", 1000: "1", 1190: "1190m", 4000: "4"} {
		if got := formatCPU(in); got != want {
			t.Errorf("FormatCPU(%d) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[int64]string{0: "0", 1 << 30: "1Gi", 574 << 20: "574Mi", 1000: "1000", 2048: "2Ki"} {
		if got := formatBinaryBytes(in); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", in, got, want)
		}
	}
	if q := mebiBytes(2048); q.Text != "2048Mi" || q.Value != 2<<30 {
		t.Errorf("MebiBytes(2048) = %+v (computed values keep nodeadm's Mi form)", q)
	}
}

func TestParsePercentage(t *testing.T) {
	good := map[string]int64{"10%": 1000, "7.5%": 750, "0%": 0, "100%": 10000, "99.99%": 9999, "5.05%": 505}
	for in, want := range good {
		p, ok, err := parsePercentage("f", in)
		if err != nil || !ok || p.Hundredths != want {
			t.Errorf("parsePercentage(%q) = %+v %v %v, want %d", in, p, ok, err, want)
		}
	}
	for _, in := range []string{"101%", "%", "1.234%", "-5%", "a%", "1.%", "10 %"} {
		if _, ok, err := parsePercentage("f", in); !ok || err == nil {
			t.Errorf("parsePercentage(%q) accepted", in)
		}
	}
	if _, ok, _ := parsePercentage("f", "100Mi"); ok {
		t.Error("100Mi taken for a percentage")
	}
}

func TestClusterDNSIP(t *testing.T) {
	for in, want := range map[string]string{
		"10.100.0.0/16":   "10.100.0.10",
		"172.20.0.0/16":   "172.20.0.10",
		"10.100.5.7/24":   "10.100.5.10",
		"fd12:3456::/108": "fd12:3456::a",
	} {
		got, err := ClusterDNSIP(in)
		if err != nil || got != want {
			t.Errorf("ClusterDNSIP(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"10.100.0.0", "10.0.0.0/8", "10.100.0.0/28", "fd00::/124", "nonsense"} {
		_, err := ClusterDNSIP(in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != FieldClusterServiceCIDR {
			t.Errorf("ClusterDNSIP(%q) error = %v, want an InputError on %s", in, err, FieldClusterServiceCIDR)
		}
	}
}

func TestParseLargeDecimalSuffixes(t *testing.T) {
	// 15 digits with G would overflow int64 in a naive fast path.
	if _, err := parseBytes("f", "999999999999999G"); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("999999999999999G: %v", err)
	}
	if q, err := parseBytes("f", "1000000000G"); err != nil || q.Value != 1e18 || q.Text != "1E" {
		t.Errorf("1000000000G = %+v, %v", q, err)
	}
	if q, err := parseCPU("f", "9999999999999999"); err == nil {
		t.Errorf("huge CPU accepted: %+v", q)
	}
}

// FuzzParseQuantity checks the parser never panics, never returns a negative
// or oversized value, and that the canonical text it writes parses back to the
// same value.
func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"70m", "0.5", "1", "574Mi", "1Gi", "600M", "1073741824", "-1", "1e3", "1.5Gi", "0.0001", "100m", "+.5Ki", "1E", "9999999999999999999Ei"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, kind := range []quantityKind{kindCPU, kindBytes, kindCount} {
			q, err := parseQuantity("f", s, kind)
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) || ie.Field != "f" || ie.Msg == "" {
					t.Fatalf("%q: error %v is not an InputError on f", s, err)
				}
				continue
			}
			if q.Value < 0 || q.Value > maxQuantity || q.Text == "" {
				t.Fatalf("%q (kind %d) = %+v", s, kind, q)
			}
			back, err := parseQuantity("f", q.Text, kind)
			if err != nil || back.Value != q.Value || back.Text != q.Text {
				t.Fatalf("%q (kind %d) = %+v, whose text parses back to %+v, %v", s, kind, q, back, err)
			}
		}
	})
}

func TestCeilDiv(t *testing.T) {
	for _, tt := range []struct{ a, b, want int }{
		{0, 16, 0}, {1, 16, 1}, {16, 16, 1}, {17, 16, 2}, {-1, 16, 0}, {-16, 16, -1}, {-27, 16, -1}, {-33, 16, -2},
	} {
		if got := ceilDiv(tt.a, tt.b); got != tt.want {
			t.Errorf("ceilDiv(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := ceilDiv(int64(tt.a), int64(tt.b)); got != int64(tt.want) {
			t.Errorf("ceilDiv(int64 %d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
