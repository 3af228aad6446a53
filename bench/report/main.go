// Command report turns the raw results of scripts/bench.sh into the Markdown
// tables of BENCHMARKS.md, checking each against its target.
//
//	report go go-bench.txt           medians of `go test -bench -count N` output
//	report e2e hyperfine.json        medians and ratios of the end-to-end plans
//	report output plan.json          the max_pods output of `terraform show -json`, canonical
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: report go|e2e|output FILE")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "go":
		err = goBench(os.Args[2])
	case "e2e":
		err = e2e(os.Args[2])
	case "output":
		err = planOutput(os.Args[2])
	default:
		err = fmt.Errorf("unknown report %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// goTargets are the targets for the Go benchmarks, by benchmark name
// (without the -GOMAXPROCS suffix).
var goTargets = map[string]struct {
	maxNs     float64
	zeroAlloc bool
}{
	"ec2data.BenchmarkLookup":                                 {200, true},
	"ec2data.BenchmarkDecodeTable":                            {5e6, false},
	"sizing.BenchmarkMaxPods":                                 {1000, false},
	"sizing.BenchmarkSubnetCapacity/secondary_/16_1000_nodes": {100e3, false},
	"sizing.BenchmarkSubnetCapacity/prefix_/16_scattered":     {100e3, false},
	"sizing.BenchmarkSubnetCapacity/prefix_/16_packed":        {100e3, false},
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func goBench(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	type metrics map[string][]float64
	results := map[string]metrics{}
	var order []string
	pkg := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = p[strings.LastIndex(p, "/")+1:]
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name := pkg + "." + m[1]
		if results[name] == nil {
			results[name] = metrics{}
			order = append(order, name)
		}
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err == nil {
				results[name][fields[i+1]] = append(results[name][fields[i+1]], v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	fmt.Println("| benchmark | runs | median time/op | median CPU/op | B/op | allocs/op | target | met |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---|---|")
	for _, name := range order {
		r := results[name]
		ns := median(r["ns/op"])
		cpu := "-"
		if v, ok := r["cpu-ns/op"]; ok {
			cpu = duration(median(v))
		}
		target, met := "", ""
		if t, ok := goTargets[name]; ok {
			target = "< " + duration(t.maxNs)
			ok := ns < t.maxNs
			if t.zeroAlloc {
				target += ", 0 allocs"
				ok = ok && median(r["allocs/op"]) == 0
			}
			met = map[bool]string{true: "yes", false: "**no**"}[ok]
		}
		fmt.Printf("| %s | %d | %s | %s | %.0f | %.0f | %s | %s |\n", name, len(r["ns/op"]), duration(ns), cpu,
			median(r["B/op"]), median(r["allocs/op"]), target, met)
	}
	return nil
}

type hyperfineResult struct {
	Command string    `json:"command"`
	Median  float64   `json:"median"`
	User    float64   `json:"user"`
	System  float64   `json:"system"`
	Times   []float64 `json:"times"`
}

// e2e prints each plan's median wall time and mean CPU time (user+system,
// terraform and its providers), each as a ratio to variant a at the same
// node-group count, then the two ratio targets.
func e2e(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc struct {
		Results []hyperfineResult `json:"results"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return err
	}
	byName := map[string]hyperfineResult{}
	for _, r := range doc.Results {
		byName[r.Command] = r
	}
	ratio := func(num, den string, cpu bool) (float64, bool) {
		n, ok1 := byName[num]
		d, ok2 := byName[den]
		if !ok1 || !ok2 {
			return 0, false
		}
		if cpu {
			return (n.User + n.System) / (d.User + d.System), true
		}
		return n.Median / d.Median, true
	}
	fmt.Println("| variant | node groups | runs | median wall (ms) | x (a) | CPU user+sys (ms) | x (a) |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range doc.Results {
		v, n, _ := strings.Cut(r.Command, "-")
		base := "a-" + n
		name := variantNames[strings.TrimSuffix(v, "@base")]
		if strings.HasSuffix(v, "@base") {
			name += ", baseline build"
		}
		wall, _ := ratio(r.Command, base, false)
		cpu, _ := ratio(r.Command, base, true)
		fmt.Printf("| (%s) %s | %s | %d | %.0f | %.2f | %.0f | %.2f |\n", v, name, n, len(r.Times),
			r.Median*1000, wall, (r.User+r.System)*1000, cpu)
	}
	fmt.Println()
	fmt.Println("| target | node groups | wall ratio | CPU ratio | met (wall) |")
	fmt.Println("|---|---:|---:|---:|---|")
	for _, t := range []struct {
		num, den, label string
		max             float64
	}{
		{"d", "c", "(d) / (c) <= 1.10", 1.10},
		{"f", "a", "(f) / (a) <= 2", 2},
		{"d@base", "c", "baseline build: (d) / (c) <= 1.10", 1.10},
		{"f@base", "a", "baseline build: (f) / (a) <= 2", 2},
	} {
		for _, n := range []string{"50", "200", "800"} {
			wall, ok := ratio(t.num+"-"+n, t.den+"-"+n, false)
			if !ok {
				continue
			}
			cpu, _ := ratio(t.num+"-"+n, t.den+"-"+n, true)
			met := map[bool]string{true: "yes", false: "**no**"}[wall <= t.max]
			fmt.Printf("| %s | %s | %.2f | %.2f | %s |\n", t.label, n, wall, cpu, met)
		}
	}
	if _, ok := byName["c-1"]; ok {
		fmt.Println()
		fmt.Println("Floor of any provider: one read of the no-op provider, (c) at 1 node group, against (a) at 1 and against (f):")
		fmt.Println()
		fmt.Println("| ratio | wall | CPU |")
		fmt.Println("|---|---:|---:|")
		for _, p := range [][2]string{{"c-1", "a-1"}, {"f-50", "c-1"}, {"f-200", "c-1"}, {"f-800", "c-1"}} {
			wall, ok := ratio(p[0], p[1], false)
			if !ok {
				continue
			}
			cpu, _ := ratio(p[0], p[1], true)
			fmt.Printf("| %s / %s | %.2f | %.2f |\n", p[0], p[1], wall, cpu)
		}
	}
	return nil
}

var variantNames = map[string]string{
	"a": "hard-coded locals",
	"b": "pure HCL file() + regexall",
	"c": "no-op provider, N reads",
	"w": "no-op with the ekssize_max_pods schema, N reads",
	"d": "ekssize_max_pods, N reads",
	"e": "provider::ekssize::max_pods, N calls",
	"f": "ekssize_max_pods batch, 1 read",
	"g": "ekssize_subnet_capacity, N reads",
}

// planOutput prints the max_pods output of a `terraform show -json` plan as
// canonical JSON (sorted keys), so variants can be compared byte for byte.
func planOutput(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var plan struct {
		PlannedValues struct {
			Outputs map[string]struct {
				Value any `json:"value"`
			} `json:"outputs"`
		} `json:"planned_values"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		return err
	}
	out, ok := plan.PlannedValues.Outputs["max_pods"]
	if !ok {
		return fmt.Errorf("%s: no max_pods output", path)
	}
	b, err := json.Marshal(out.Value)
	if err != nil {
		return err
	}
	fmt.Println(string(b))
	return nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}
