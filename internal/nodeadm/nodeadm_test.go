package nodeadm

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestAgainstNodeadm checks every cell of testdata/nodeadm-eval.tsv, produced
// by nodeadm's own CalcMaxPods at the pinned commit (see testdata/README.md):
// max pods, whether nodeadm fell back, and kube-reserved memory, for every
// expression over every instance type of nodeadm's table.
func TestAgainstNodeadm(t *testing.T) {
	exprRaw, err := os.ReadFile("testdata/nodeadm-eval-expressions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	exprs := map[string]*Expression{}
	for _, l := range strings.Split(strings.TrimSuffix(string(exprRaw), "\n"), "\n") {
		id, text, _ := strings.Cut(l, "\t")
		exprs[id] = Compile(text)
	}
	raw, err := os.ReadFile("testdata/nodeadm-eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	if len(header) != 3+3*len(exprs) {
		t.Fatalf("header has %d columns for %d expressions", len(header), len(exprs))
	}
	atoi := func(s string) int64 {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cells, fallbacks := 0, 0
	for _, line := range lines[1:] {
		f := strings.Split(line, "\t")
		info, ok := Lookup(f[0])
		if !ok {
			t.Errorf("%s is in nodeadm's output but not in the embedded table", f[0])
			continue
		}
		if int64(info.DefaultENIs) != atoi(f[1]) || int64(info.IPsPerENI) != atoi(f[2]) {
			t.Errorf("%s: embedded %d/%d, nodeadm %s/%s", f[0], info.DefaultENIs, info.IPsPerENI, f[1], f[2])
		}
		for c := 3; c < len(f); c += 3 {
			id := header[c]
			e := exprs[id]
			got := e.Eval(info)
			wantFallback := f[c+1] == "1"
			if int64(got.MaxPods) != atoi(f[c]) || got.Fallback != wantFallback ||
				int64(KubeReservedMemoryMiB(got.MaxPods)) != atoi(f[c+2]) {
				t.Errorf("%s, %s (%q): got max pods %d, fallback %v (%s), kube-reserved %d; nodeadm %s, %s, %s",
					f[0], id, e.Text(), got.MaxPods, got.Fallback, got.Detail, KubeReservedMemoryMiB(got.MaxPods), f[c], f[c+1], f[c+2])
			}
			if got.Fallback {
				fallbacks++
			}
			cells++
		}
	}
	if len(lines)-1 != len(InstanceTypes()) {
		t.Errorf("nodeadm's output has %d rows, the embedded table %d", len(lines)-1, len(InstanceTypes()))
	}
	t.Logf("%d types x %d expressions = %d cells checked, %d fallbacks", len(lines)-1, len(exprs), cells, fallbacks)
}

func TestEvalReasons(t *testing.T) {
	m5 := Info{InstanceType: "m5.large", DefaultENIs: 3, IPsPerENI: 10}
	for _, c := range []struct {
		expr, reason, detail, converted string
		want                            int32
	}{
		{"", "", "", "", 29},
		{"max_pods > 110 ? 110 : max_pods", "", "", "", 29},
		{"default_enis * ((ips_per_eni - 1) * 16) + 2", "", "", "", 434},
		{"double(max_pods) / 3.0", "", "", "double 9.666666666666666 converted to 9", 9},
		{"string(max_pods)", "", "", `string "29" converted to 29`, 29},
		{"uint(max_pods)", "", "", "uint 29 converted to 29", 29},
		{"max_pods - 29", ReasonNotPositive, "the result 0 is not positive (max pods must be from 1 to 2147483647)", "", 29},
		{"max_pods * 100000000", ReasonTooLarge, "the result 2900000000 is more than 2147483647 (max pods must be from 1 to 2147483647)", "", 29},
		{"max_pods * 9223372036854775807", ReasonEvaluation, "evaluating the expression failed: integer overflow", "", 29},
		{"max_pods / (default_enis - default_enis)", ReasonEvaluation, "evaluating the expression failed: division by zero", "", 29},
		{"max_pods > 100", ReasonNotInteger, "the result bool false is not an integer (type conversion error from 'bool' to 'int')", "", 29},
		{"double(max_pods) / 0.0", ReasonNotInteger, "the result double +Inf is not an integer (integer overflow)", "", 29},
		{`"many"`, ReasonNotInteger, `the result string "many" is not an integer (type conversion error from 'string' to 'int')`, "", 29},
		{"max_pods +", ReasonCompile, "the expression does not compile: ERROR: <input>:1:11: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | max_pods +\n | ..........^", "", 29},
		{"max_pods + fake_variable", ReasonCompile, "the expression does not compile: ERROR: <input>:1:12: undeclared reference to 'fake_variable' (in container '')\n | max_pods + fake_variable\n | ...........^", "", 29},
	} {
		got := Compile(c.expr).Eval(m5)
		if got.MaxPods != c.want || got.Reason != c.reason || got.Detail != c.detail || got.Converted != c.converted ||
			got.Fallback != (c.reason != "") || got.DefaultMaxPods != 29 {
			t.Errorf("%q: got %+v", c.expr, got)
		}
	}
}

// TestCostLimit: a pathological expression stops at MaxEvalCost and is
// reported as unevaluated, not as a nodeadm fallback.
func TestCostLimit(t *testing.T) {
	l := "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]"
	expr := l + ".map(a, " + l + ".map(b, " + l + ".map(c, " + l + ".map(d, " + l + ".map(e, a+b+c+d+e))))).size()"
	got := Compile(expr).Eval(Info{InstanceType: "m5.large", DefaultENIs: 3, IPsPerENI: 10})
	if !got.Unevaluated || got.Fallback || got.Reason != ReasonCostLimit {
		t.Errorf("%+v", got)
	}
	// A comprehension below the limit evaluates.
	small := Compile(l + ".map(a, a * max_pods).size()").Eval(Info{InstanceType: "m5.large", DefaultENIs: 3, IPsPerENI: 10})
	if small.Unevaluated || small.Fallback || small.MaxPods != 20 {
		t.Errorf("%+v", small)
	}
}

func TestTable(t *testing.T) {
	names := InstanceTypes()
	if len(names) != 1384 {
		t.Errorf("%d types, want nodeadm's 1384", len(names))
	}
	for _, c := range []struct {
		name       string
		enis, ips  int32
		defaultMax int32
	}{
		{"m5.large", 3, 10, 29},
		{"i7ie.48xlarge", 15, 50, 737}, // the VPC CNI has 8 ENIs on the default card: 394
		{"i8ge.48xlarge", 24, 50, 1178},
		{"t2.micro", 2, 2, 4},
	} {
		i, ok := Lookup(c.name)
		if !ok || i.DefaultENIs != c.enis || i.IPsPerENI != c.ips || DefaultMaxPods(i) != c.defaultMax {
			t.Errorf("%s: %+v %v, default %d", c.name, i, ok, DefaultMaxPods(i))
		}
	}
	if _, ok := Lookup("c7i.32xlarge"); ok {
		t.Error("c7i.32xlarge is not in nodeadm's table at the pinned commit")
	}
	if got := KubeReservedMemoryMiB(29); got != 574 {
		t.Errorf("kube-reserved for 29 = %d", got)
	}
	// int32 arithmetic as nodeadm's: 11 x 290000000 + 255 wraps around (nodeadm's
	// own output for m5.large and max_pods * 10000000 in testdata).
	if got := KubeReservedMemoryMiB(290000000); got != -1104967041 {
		t.Errorf("kube-reserved for 290000000 = %d", got)
	}
	if DataVersion() != "amazon-eks-ami@81fec2e8+cel-go-v0.29.2" {
		t.Error(DataVersion())
	}
}
