package nodeadm

import (
	"math"
	"testing"
)

// FuzzEval: any expression compiles or not and evaluates to what kubelet can
// take (1 to MaxInt32: the value or nodeadm's default), or stops at the cost
// limit; it never panics.
func FuzzEval(f *testing.F) {
	for _, s := range []string{"", "max_pods", "max_pods > 110 ? 110 : max_pods", "double(max_pods) / 3.0", `"12"`,
		"max_pods +", "max_pods * 9223372036854775807", "[1,2].map(x, x * default_enis).size()", "uint(ips_per_eni)"} {
		f.Add(s, int32(3), int32(10))
	}
	f.Fuzz(func(t *testing.T, expr string, enis, ips int32) {
		if enis < 1 || enis > 100 || ips < 1 || ips > 100 {
			return
		}
		info := Info{InstanceType: "fuzz", DefaultENIs: enis, IPsPerENI: ips}
		got := Compile(expr).Eval(info)
		if got.Unevaluated {
			return
		}
		if got.MaxPods < 1 || int64(got.MaxPods) > math.MaxInt32 {
			t.Fatalf("%q: max pods %d", expr, got.MaxPods)
		}
		if got.Fallback != (got.Reason != "") || (got.Fallback && got.MaxPods != DefaultMaxPods(info)) {
			t.Fatalf("%q: %+v", expr, got)
		}
	})
}
